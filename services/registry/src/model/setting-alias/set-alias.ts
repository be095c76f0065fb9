import { CommandMetadata, SetModelAliasInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { versionView } from '../updating-version/update-version';

/** Answers with the version the alias now points at. */
export async function setAlias(
  registry: RegistryContext,
  input: SetModelAliasInput,
  metadata: CommandMetadata,
): Promise<VersionView> {
  const { modelId } = await handleByName(registry, { type: 'SetModelAlias', data: input }, metadata);
  return versionView(registry, modelId, input.version);
}
