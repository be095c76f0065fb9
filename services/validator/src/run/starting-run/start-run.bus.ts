import { ConflictError, NotFoundError, ValidateModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { ValidatorContext } from '../../validator.context';
import { startRun } from './start-run';

/**
 * ValidateModelVersion from ml.validator.commands: its commandId names the run, so a resend
 * starts nothing. A producer may send it right after registering the version, before the
 * registry's VersionCreated reached the validator: an unknown version is retried within the
 * bus's budget (a retryable conflict) before the command goes to the DLQ.
 */
export const startRunOnBus = busCommand<ValidatorContext, typeof ValidateModelVersion.schema>(
  ValidateModelVersion,
  (context, data, metadata) =>
    startRun(context, data, metadata).catch((error: unknown) => {
      if (error instanceof NotFoundError) throw new ConflictError(`${error.message} (yet)`, undefined, true);
      throw error;
    }),
);
