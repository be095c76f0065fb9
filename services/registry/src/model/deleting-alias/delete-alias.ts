import { CommandMetadata, DeleteModelAliasInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';

export async function deleteAlias(
  registry: RegistryContext,
  input: DeleteModelAliasInput,
  metadata: CommandMetadata,
): Promise<void> {
  await handleByName(registry, { type: 'DeleteModelAlias', data: input }, metadata);
}
