import { DeleteModelAlias } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { deleteAlias } from './delete-alias';

/** DeleteModelAlias from ml.registry.commands, same path as HTTP. */
export const deleteAliasOnBus = busCommand(DeleteModelAlias, deleteAlias);
