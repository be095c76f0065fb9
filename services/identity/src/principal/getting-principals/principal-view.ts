import { NotFoundError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { findPrincipal, PrincipalView } from './principals.projection';

/** The principal as the admin API shows it; an unknown name is a 404. */
export async function principalView(on: Queryable, name: string): Promise<PrincipalView> {
  const principal = await findPrincipal(on, name);
  if (!principal) throw new NotFoundError(`principal "${name}" does not exist`, { name });
  return principal;
}
