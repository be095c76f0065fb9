import { ValidateModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { ValidatorContext } from '../../validator.context';
import { startRun } from './start-run';

/** ValidateModelVersion from ml.validator.commands: its commandId names the run, so a resend starts nothing. */
export const startRunOnBus = busCommand<ValidatorContext, typeof ValidateModelVersion.schema>(
  ValidateModelVersion,
  startRun,
);
