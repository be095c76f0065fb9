import { CommandMetadata, DeleteRegisteredModelTagInput, SetRegisteredModelTagInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';
import { ModelView } from '../getting-model/registered-models.projection';
import { modelView } from '../updating-model/update-model';

export async function setModelTag(
  registry: RegistryContext,
  input: SetRegisteredModelTagInput,
  metadata: CommandMetadata,
): Promise<ModelView> {
  const { modelId } = await handleByName(registry, { type: 'SetRegisteredModelTag', data: input }, metadata);
  return modelView(registry, modelId);
}

export async function deleteModelTag(
  registry: RegistryContext,
  input: DeleteRegisteredModelTagInput,
  metadata: CommandMetadata,
): Promise<ModelView> {
  const { modelId } = await handleByName(registry, { type: 'DeleteRegisteredModelTag', data: input }, metadata);
  return modelView(registry, modelId);
}
