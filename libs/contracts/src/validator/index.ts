import { MessageCatalog } from '../catalog';
import { SetValidationPolicy, ValidateModelVersion } from './validation-commands';
import { DatasetRegistered } from './datasets';
import {
  ValidationCheckCompleted,
  ValidationFailed,
  ValidationPassed,
  ValidationPolicySet,
  ValidationStarted,
} from './validation-events';

export * from './check-results';
export * from './policy-checks';
export * from './validation-events';
export * from './validation-commands';
export * from './datasets';

export const validatorEvents = new MessageCatalog([
  ValidationPolicySet,
  ValidationStarted,
  ValidationCheckCompleted,
  ValidationPassed,
  ValidationFailed,
  DatasetRegistered,
]);
export const validatorCommands = new MessageCatalog([ValidateModelVersion, SetValidationPolicy]);
