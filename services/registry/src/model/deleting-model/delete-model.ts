import { CommandMetadata, DeleteRegisteredModelInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';

/** After this the name is free and the model answers "not found"; its events stay in the log. */
export async function deleteModel(
  registry: RegistryContext,
  input: DeleteRegisteredModelInput,
  metadata: CommandMetadata,
): Promise<void> {
  await handleByName(registry, { type: 'DeleteRegisteredModel', data: input }, metadata);
}
