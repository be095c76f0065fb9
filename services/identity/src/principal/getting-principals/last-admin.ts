import { IllegalStateError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { ADMIN_ROLE } from '../principal';
import { findPrincipal, someoneHolds } from './principals.projection';

/**
 * Refuses to disable or demote the last enabled admin: nobody could administer principals any
 * more, and the bootstrap admin is created only once per database. It spans principals, so it
 * is checked on the read model before the command, for a clear early answer; the principals
 * projection checks again inside the append's transaction (keepingAnAdmin), which settles races.
 */
export async function keepAnAdmin(
  on: Queryable,
  name: string,
  after: { disabled: boolean; roles?: readonly string[] },
): Promise<void> {
  const principal = await findPrincipal(on, name);
  if (!principal || principal.disabled || !principal.roles.includes(ADMIN_ROLE)) return;
  if (!after.disabled && (after.roles ?? principal.roles).includes(ADMIN_ROLE)) return;
  if (await someoneHolds(on, ADMIN_ROLE, name)) return;
  throw new IllegalStateError(`principal "${name}" is the last enabled admin: make another principal admin first`, {
    name,
  });
}
