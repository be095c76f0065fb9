import { CommandMetadata, IllegalStateError, NotFoundError, RegisterModelVersionInput } from '@ledger/contracts';
import { eventOfCommand, RegistryContext } from '../../registry.context';
import { modelStreamId } from '../model';
import { findModelId } from '../creating-model/model-names.projection';
import { findVersion, VersionView, versionViewOf } from '../listing-versions/model-versions.projection';
import { withCopiedArtifact } from './copied-version';

/** Registers the next version of the model with this name; the aggregate picks the number. */
export async function registerVersion(registry: RegistryContext, input: RegisterModelVersionInput, metadata: CommandMetadata): Promise<VersionView> {
  const modelId = await findModelId(registry.db, input.name);
  if (!modelId) throw new NotFoundError(`registered model "${input.name}" does not exist`, { name: input.name });
  const streamId = modelStreamId(modelId);
  const data = await withCopiedArtifact(registry.db, input);
  const handled = await registry.models.handle(streamId, { type: 'RegisterModelVersion', data, metadata });
  if (handled.events[0]) return versionViewOf(handled.events[0]);
  // A resent command (same commandId) appended nothing: answer with the version it created.
  const created = handled.duplicate && metadata.commandId ? await eventOfCommand(registry.db, streamId, metadata.commandId) : undefined;
  const version = created && (await findVersion(registry.db, modelId, created.version as number));
  if (!version) throw new IllegalStateError(`command ${metadata.commandId} was already handled`, { commandId: metadata.commandId });
  return version;
}
