import { RegisterModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { registerVersion } from './register-version';

/** RegisterModelVersion from ml.registry.commands (e.g. a training job), same path as HTTP. */
export const registerVersionOnBus = busCommand(RegisterModelVersion, registerVersion);
