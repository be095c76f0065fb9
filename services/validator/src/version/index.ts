import { Feature } from '@ledger/platform';
import type { ValidatorContext } from '../validator.service';
import { VersionsAwaitingValidationController } from './getting-versions-awaiting-validation/versions-awaiting-validation.http';
import {
  VERSIONS_AWAITING_VALIDATION_MIGRATION,
  versionsAwaitingValidation,
} from './getting-versions-awaiting-validation/versions-awaiting-validation.projection';

/** The versions the validator has heard of from the registry, and what it projects from them. */
export const versionFeature: Feature<ValidatorContext> = {
  name: 'version',
  http: [VersionsAwaitingValidationController],
  projections: [versionsAwaitingValidation],
  migrations: [VERSIONS_AWAITING_VALIDATION_MIGRATION],
};
