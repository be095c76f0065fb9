import { DeleteModelPermission, SetModelPermission } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { deletePermission, setPermission } from './grant-permission';

/** Grants from ml.registry.commands: refused to the DLQ unless the actor manages the model. */
export const setPermissionOnBus = busCommand(SetModelPermission, setPermission);
export const deletePermissionOnBus = busCommand(DeleteModelPermission, deletePermission);
