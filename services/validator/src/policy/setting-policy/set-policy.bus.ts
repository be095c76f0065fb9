import { SetValidationPolicy } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { ValidatorContext } from '../../validator.context';
import { setPolicy } from './set-policy';

/** SetValidationPolicy from ml.validator.commands; a policy this validator cannot evaluate goes to the DLQ. */
export const setPolicyOnBus = busCommand<ValidatorContext, typeof SetValidationPolicy.schema>(
  SetValidationPolicy,
  (context, data, metadata) => setPolicy(context, { ...data, format: 'json' }, metadata),
);
