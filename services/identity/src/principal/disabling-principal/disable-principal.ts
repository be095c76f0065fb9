import { CommandMetadata, DisablePrincipal } from '@ledger/contracts';
import { z } from 'zod';
import { handleByName, IdentityContext } from '../../identity.context';
import { PrincipalView } from '../getting-principals/principals.projection';
import { principalView } from '../getting-principals/principal-view';
import { keepAnAdmin } from '../getting-principals/last-admin';

export async function disablePrincipal(
  identity: IdentityContext,
  input: z.output<typeof DisablePrincipal.schema>,
  metadata: CommandMetadata,
): Promise<PrincipalView> {
  await keepAnAdmin(identity.db, input.name, { disabled: true });
  await handleByName(identity, { type: 'DisablePrincipal', data: input }, metadata);
  return principalView(identity.db, input.name);
}
