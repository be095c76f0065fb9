import { SetPrincipalRoles } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { setRoles } from './set-roles';

/** SetPrincipalRoles from ml.identity.commands, same path as HTTP. */
export const setRolesOnBus = busCommand(SetPrincipalRoles, setRoles);
