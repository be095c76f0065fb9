import { AlreadyExistsError } from '@ledger/contracts';
import type { PrincipalCommandOf } from '../principal';
import { PrincipalEvent, PrincipalState } from '../principal';
import { requireRolesFit } from '../principal-rules';

/** A new principal takes the id the caller minted in the metadata; the stream must be empty. */
export function decideCreatePrincipal(
  command: PrincipalCommandOf<'CreatePrincipal'>,
  state: PrincipalState,
): PrincipalEvent[] {
  if (state.exists) throw new AlreadyExistsError(`principal "${state.name}" already exists`, { name: state.name });
  const { name, kind, displayName, roles } = command.data;
  requireRolesFit(kind, roles);
  return [{ type: 'PrincipalCreated', data: { principalId: command.metadata.newId, name, kind, displayName, roles } }];
}
