import { CommandMetadata, DeleteModelVersionTagInput, SetModelVersionTagInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { versionView } from '../updating-version/update-version';

export async function setVersionTag(
  registry: RegistryContext,
  input: SetModelVersionTagInput,
  metadata: CommandMetadata,
): Promise<VersionView> {
  const { modelId } = await handleByName(registry, { type: 'SetModelVersionTag', data: input }, metadata);
  return versionView(registry, modelId, input.version);
}

export async function deleteVersionTag(
  registry: RegistryContext,
  input: DeleteModelVersionTagInput,
  metadata: CommandMetadata,
): Promise<VersionView> {
  const { modelId } = await handleByName(registry, { type: 'DeleteModelVersionTag', data: input }, metadata);
  return versionView(registry, modelId, input.version);
}
