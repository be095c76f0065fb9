import type { PrincipalCommandOf } from '../principal';
import { ADMIN_ROLE, evolvePrincipal, PrincipalEvent, PrincipalState } from '../principal';
import { decideCreatePrincipal } from '../creating-principal/create-principal.decide';
import { decideIssueToken } from '../issuing-token/issue-token.decide';

/** The first admin: a user with the admin role and the configured token, as one decision. */
export function decideBootstrapAdmin(
  command: PrincipalCommandOf<'BootstrapAdmin'>,
  state: PrincipalState,
): PrincipalEvent[] {
  const { name, tokenId, secretSha256 } = command.data;
  const { metadata } = command;
  const created = decideCreatePrincipal(
    { type: 'CreatePrincipal', data: { name, kind: 'user', displayName: '', roles: [ADMIN_ROLE] }, metadata },
    state,
  );
  const admin = created.reduce(evolvePrincipal, state);
  const issued = decideIssueToken(
    { type: 'IssueToken', data: { name, tokenId, secretSha256, label: 'bootstrap', expiresAt: null }, metadata },
    admin,
  );
  return [...created, ...issued];
}
