import { CommandMetadata, IllegalStateError, UpdateModelVersionInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';
import { findVersion, VersionView } from '../listing-versions/model-versions.projection';

export async function updateVersion(
  registry: RegistryContext,
  input: UpdateModelVersionInput,
  metadata: CommandMetadata,
): Promise<VersionView> {
  const { modelId } = await handleByName(registry, { type: 'UpdateModelVersion', data: input }, metadata);
  return versionView(registry, modelId, input.version);
}

/** The version as it is after a command (the projections ran in its transaction). */
export async function versionView(registry: RegistryContext, modelId: string, version: number): Promise<VersionView> {
  const found = await findVersion(registry.db, modelId, version);
  if (!found) throw new IllegalStateError(`version ${version} of model ${modelId} is gone`, { modelId, version });
  return found;
}
