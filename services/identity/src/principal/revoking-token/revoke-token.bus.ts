import { RevokeToken } from '@ledger/contracts';
import { busCommand } from '@ledger/messaging';
import { revokeToken } from './revoke-token';

/** RevokeToken from ml.identity.commands (e.g. a secret scanner that found a leaked token), same path as HTTP. */
export const revokeTokenOnBus = busCommand(RevokeToken, revokeToken);
