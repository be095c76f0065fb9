import { CommandMetadata, IllegalStateError, RegisterModelVersionInput } from '@ledger/contracts';
import { eventOfCommand, RegistryContext } from '../../registry.context';
import { modelStreamId } from '../model';
import { onModelNamed } from '../../model-ids';
import type { RegisterVersionData } from '../model';
import { findVersion, VersionView, versionViewOf } from '../listing-versions/model-versions.projection';
import { refreshStatisticsWhenGrown } from '../listing-versions/version-statistics';
import { withCopiedSource } from './copied-version';

/** Registers the next version of the model with this name; the aggregate picks the number. */
export function registerVersion(registry: RegistryContext, input: RegisterModelVersionInput, metadata: CommandMetadata): Promise<VersionView> {
  return onModelNamed(registry, input.name, (modelId) => registerOn(registry, modelId, input, metadata));
}

async function registerOn(registry: RegistryContext, modelId: string, input: RegisterModelVersionInput, metadata: CommandMetadata): Promise<VersionView> {
  const streamId = modelStreamId(modelId);
  let data: RegisterVersionData;
  try {
    data = await withCopiedSource(registry.db, input);
  } catch (error) {
    // A resend whose source has moved or gone since its first delivery still answers as the first did.
    if (metadata.commandId && (await eventOfCommand(registry.db, streamId, metadata.commandId))) return versionCreatedBy(registry, modelId, streamId, metadata);
    throw error;
  }
  const handled = await registry.models.handle(streamId, { type: 'RegisterModelVersion', data, metadata });
  if (handled.events[0]) {
    const created = versionViewOf(handled.events[0]);
    refreshStatisticsWhenGrown(registry.db, created.version);
    return created;
  }
  if (!handled.duplicate) throw new IllegalStateError(`command ${metadata.commandId} appended nothing`, { commandId: metadata.commandId });
  return versionCreatedBy(registry, modelId, streamId, metadata);
}

/** A resent command (same commandId) appended nothing: the version its first delivery created. */
async function versionCreatedBy(registry: RegistryContext, modelId: string, streamId: string, metadata: CommandMetadata): Promise<VersionView> {
  const created = metadata.commandId ? await eventOfCommand(registry.db, streamId, metadata.commandId) : undefined;
  const version = created && (await findVersion(registry.db, modelId, created.version as number));
  if (!version) throw new IllegalStateError(`command ${metadata.commandId} was already handled`, { commandId: metadata.commandId });
  return version;
}
