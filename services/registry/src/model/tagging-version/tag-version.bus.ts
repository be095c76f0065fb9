import { DeleteModelVersionTag, SetModelVersionTag } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { deleteVersionTag, setVersionTag } from './tag-version';

/** Version tag commands from ml.registry.commands, same path as HTTP. */
export const setVersionTagOnBus = busCommand(SetModelVersionTag, setVersionTag);
export const deleteVersionTagOnBus = busCommand(DeleteModelVersionTag, deleteVersionTag);
