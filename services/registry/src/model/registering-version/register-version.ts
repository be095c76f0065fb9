import { CommandMetadata, IllegalStateError, RegisterModelVersionInput } from '@ledger/contracts';
import { firstRunOf, StoredEvent } from '@ledger/eventstore';
import { handleModel, RegistryContext } from '../../registry.context';
import { onModelNamed } from '../../model-ids';
import type { RegisterVersionData } from '../model';
import { VersionView, versionViewOf } from '../listing-versions/model-versions.projection';
import { refreshStatisticsWhenGrown } from '../listing-versions/version-statistics';
import { withCopiedSource } from './copied-version';
import { withLoggedModel } from './logged-models';

/** Registers the next version of the model with this name; the aggregate picks the number. */
export function registerVersion(
  registry: RegistryContext,
  input: RegisterModelVersionInput,
  metadata: CommandMetadata,
): Promise<VersionView> {
  return onModelNamed(registry, input.name, (modelId) => registerOn(registry, modelId, input, metadata));
}

async function registerOn(
  registry: RegistryContext,
  modelId: string,
  input: RegisterModelVersionInput,
  metadata: CommandMetadata,
): Promise<VersionView> {
  let data: RegisterVersionData;
  try {
    data = await withLoggedModel(registry.loggedModels, await withCopiedSource(registry.db, input));
  } catch (error) {
    // A resend whose source has moved or gone since its first delivery still answers as the first did.
    const first = metadata.commandId ? await firstRunOf(registry.db, metadata.commandId) : [];
    if (first.length > 0) return createdBy(first, metadata);
    throw error;
  }
  const handled = await handleModel(registry, modelId, {
    type: 'RegisterModelVersion',
    data,
    metadata,
  });
  const created = createdBy(handled.events, metadata);
  if (!handled.duplicate) refreshStatisticsWhenGrown(registry.db, created.version);
  return created;
}

/** The version a run of the command created; a resend (same commandId) answers with its first run's. */
function createdBy(events: StoredEvent[], metadata: CommandMetadata): VersionView {
  const [created] = events;
  // Only a commandId already spent on another command finds no VersionCreated.
  if (created?.type !== 'VersionCreated')
    throw new IllegalStateError(`command ${metadata.commandId} was already handled`, { commandId: metadata.commandId });
  return versionViewOf(created);
}
