import { CommandMetadata, SetPrincipalRoles } from '@ledger/contracts';
import { z } from 'zod';
import { handleByName, IdentityContext } from '../../identity.context';
import { PrincipalView } from '../getting-principals/principals.projection';
import { principalView } from '../getting-principals/principal-view';
import { keepAnAdmin } from '../getting-principals/last-admin';

export async function setRoles(
  identity: IdentityContext,
  input: z.output<typeof SetPrincipalRoles.schema>,
  metadata: CommandMetadata,
): Promise<PrincipalView> {
  await keepAnAdmin(identity.db, input.name, { disabled: false, roles: input.roles });
  await handleByName(identity, { type: 'SetPrincipalRoles', data: input }, metadata);
  return principalView(identity.db, input.name);
}
