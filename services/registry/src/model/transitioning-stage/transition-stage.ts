import { CommandMetadata, TransitionModelVersionStageInput } from '@ledger/contracts';
import { handleByName, RegistryContext } from '../../registry.context';
import { VersionView } from '../listing-versions/model-versions.projection';
import { versionView } from '../updating-version/update-version';

export async function transitionStage(
  registry: RegistryContext,
  input: TransitionModelVersionStageInput,
  metadata: CommandMetadata,
): Promise<VersionView> {
  const { modelId } = await handleByName(registry, { type: 'TransitionModelVersionStage', data: input }, metadata);
  return versionView(registry, modelId, input.version);
}
