import { DeleteModelVersion } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { deleteVersion } from './delete-version';

/** DeleteModelVersion from ml.registry.commands, same path as HTTP. */
export const deleteVersionOnBus = busCommand(DeleteModelVersion, deleteVersion);
