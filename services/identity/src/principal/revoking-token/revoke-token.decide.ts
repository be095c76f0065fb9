import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import type { PrincipalCommandOf } from '../principal';
import { PrincipalEvent, principalRef, PrincipalState } from '../principal';

/** Revokes one of the principal's tokens, expired ones too (also when the principal is disabled). */
export function decideRevokeToken(command: PrincipalCommandOf<'RevokeToken'>, state: PrincipalState): PrincipalEvent[] {
  const { tokenId } = command.data;
  if (state.revoked[tokenId])
    throw new IllegalStateError(`token ${tokenId} of principal "${state.name}" is already revoked`, {
      name: state.name,
      tokenId,
    });
  if (!(tokenId in state.tokens))
    throw new NotFoundError(`principal "${state.name}" has no token ${tokenId}`, { name: state.name, tokenId });
  return [{ type: 'TokenRevoked', data: { ...principalRef(state), tokenId } }];
}
