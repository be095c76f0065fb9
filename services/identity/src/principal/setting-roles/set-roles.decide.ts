import type { PrincipalCommandOf } from '../principal';
import { PrincipalEvent, principalRef, PrincipalState } from '../principal';
import { requireEnabled, requireRolesFit, sameRoles } from '../principal-rules';

/** Replaces the roles; the same set again changes nothing. */
export function decideSetRoles(
  command: PrincipalCommandOf<'SetPrincipalRoles'>,
  state: PrincipalState,
): PrincipalEvent[] {
  requireEnabled(state, 'have its roles changed');
  const { roles } = command.data;
  requireRolesFit(state.kind, roles);
  if (sameRoles(state.roles, roles)) return [];
  return [{ type: 'PrincipalRolesSet', data: { ...principalRef(state), roles, previous: state.roles } }];
}
