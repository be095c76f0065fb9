import { UpdateModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { updateVersion } from './update-version';

/** UpdateModelVersion from ml.registry.commands, same path as HTTP. */
export const updateVersionOnBus = busCommand(UpdateModelVersion, updateVersion);
