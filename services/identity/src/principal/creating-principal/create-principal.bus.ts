import { CreatePrincipal } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { createPrincipal } from './create-principal';

/** CreatePrincipal from ml.identity.commands (e.g. a provisioning job), same path as HTTP. */
export const createPrincipalOnBus = busCommand(CreatePrincipal, createPrincipal);
