import { DeleteRegisteredModelTag, SetRegisteredModelTag } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { deleteModelTag, setModelTag } from './tag-model';

/** Model tag commands from ml.registry.commands, same path as HTTP. */
export const setModelTagOnBus = busCommand(SetRegisteredModelTag, setModelTag);
export const deleteModelTagOnBus = busCommand(DeleteRegisteredModelTag, deleteModelTag);
