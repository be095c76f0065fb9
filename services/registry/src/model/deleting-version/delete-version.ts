import { CommandMetadata, DeleteModelVersionInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';

export async function deleteVersion(
  registry: RegistryContext,
  input: DeleteModelVersionInput,
  metadata: CommandMetadata,
): Promise<void> {
  await handleByName(registry, { type: 'DeleteModelVersion', data: input }, metadata);
}
