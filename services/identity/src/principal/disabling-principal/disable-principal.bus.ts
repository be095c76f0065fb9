import { DisablePrincipal } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { disablePrincipal } from './disable-principal';

/** DisablePrincipal from ml.identity.commands (e.g. an offboarding job), same path as HTTP. */
export const disablePrincipalOnBus = busCommand(DisablePrincipal, disablePrincipal);
