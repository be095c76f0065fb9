import { SetModelProtection } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { setProtection } from './protect-model';

/** SetModelProtection from ml.registry.commands: only an actor who manages the model may. */
export const setProtectionOnBus = busCommand(SetModelProtection, setProtection);
