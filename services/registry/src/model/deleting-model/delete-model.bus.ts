import { DeleteRegisteredModel } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { deleteModel } from './delete-model';

/** DeleteRegisteredModel from ml.registry.commands, same path as HTTP. */
export const deleteModelOnBus = busCommand(DeleteRegisteredModel, deleteModel);
