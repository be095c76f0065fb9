import { AlreadyExistsError, IllegalStateError, ValidationError } from '@ledger/contracts';
import type { PrincipalCommandOf } from '../principal';
import { PrincipalEvent, principalRef, PrincipalState } from '../principal';
import { requireEnabled } from '../principal-rules';

/**
 * Live tokens per principal: enough for every job and laptop of a team, few enough that a
 * leaked admin token cannot mint an unbounded supply of others.
 */
export const MAX_LIVE_TOKENS = 50;

/** Records a token by the digest of its secret, for an enabled principal, expiring in the future if at all. */
export function decideIssueToken(command: PrincipalCommandOf<'IssueToken'>, state: PrincipalState): PrincipalEvent[] {
  requireEnabled(state, 'get new tokens');
  const { tokenId, secretSha256, label, expiresAt } = command.data;
  const now = Date.parse(command.metadata.now);
  if (tokenId in state.tokens || state.revoked[tokenId])
    throw new AlreadyExistsError(`token ${tokenId} already exists`, { tokenId });
  if (expiresAt !== null && Date.parse(expiresAt) <= now) {
    throw new ValidationError(`expiresAt: must be in the future (now is ${command.metadata.now})`, { expiresAt });
  }
  if (liveTokens(state, now) >= MAX_LIVE_TOKENS) {
    throw new IllegalStateError(
      `principal "${state.name}" already has ${MAX_LIVE_TOKENS} live tokens: revoke one first`,
      { name: state.name, max: MAX_LIVE_TOKENS },
    );
  }
  return [{ type: 'TokenIssued', data: { ...principalRef(state), tokenId, secretSha256, label, expiresAt } }];
}

// Expired tokens authenticate nobody, so they do not count against the limit.
const liveTokens = (state: PrincipalState, now: number): number =>
  Object.values(state.tokens).filter((expiresAt) => expiresAt === null || Date.parse(expiresAt) > now).length;
