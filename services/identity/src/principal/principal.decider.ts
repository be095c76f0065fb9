import { Decider, NotFoundError } from '@ledger/contracts';
import { evolvePrincipal, initialPrincipalState, PrincipalCommand, PrincipalEvent, PrincipalState } from './principal';
import { decideCreatePrincipal } from './creating-principal/create-principal.decide';
import { decideBootstrapAdmin } from './bootstrapping-admin/bootstrap-admin.decide';
import { decideSetRoles } from './setting-roles/set-roles.decide';
import { decideDisablePrincipal } from './disabling-principal/disable-principal.decide';
import { decideIssueToken } from './issuing-token/issue-token.decide';
import { decideRevokeToken } from './revoking-token/revoke-token.decide';

export type { PrincipalCommand } from './principal';

/** Dispatch only: every rule lives in its slice's decide function. */
export function decidePrincipal(command: PrincipalCommand, state: PrincipalState): PrincipalEvent[] {
  if (command.type === 'CreatePrincipal') return decideCreatePrincipal(command, state);
  if (command.type === 'BootstrapAdmin') return decideBootstrapAdmin(command, state);
  // Principals are addressed by name; a stream whose principal has another name is not the one meant.
  if (!state.exists || state.name !== command.data.name) {
    throw new NotFoundError(`principal "${command.data.name}" does not exist`, { name: command.data.name });
  }
  switch (command.type) {
    case 'SetPrincipalRoles':
      return decideSetRoles(command, state);
    case 'DisablePrincipal':
      return decideDisablePrincipal(command, state);
    case 'IssueToken':
      return decideIssueToken(command, state);
    case 'RevokeToken':
      return decideRevokeToken(command, state);
  }
}

export const principalDecider: Decider<PrincipalCommand, PrincipalEvent, PrincipalState> = {
  initialState: initialPrincipalState,
  decide: decidePrincipal,
  evolve: evolvePrincipal,
};
