import { SetModelAlias } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { setAlias } from './set-alias';

/** SetModelAlias from ml.registry.commands, same path as HTTP; a refused compare-and-set goes to the DLQ. */
export const setAliasOnBus = busCommand(SetModelAlias, setAlias);
