import { DataSource } from 'typeorm';
import { CommandMetadata, registryEvents } from '@ledger/contracts';
import { CommandHandler, Handled, Migration, newId, Projection, Queryable, SnapshotPolicy } from '@ledger/eventstore';
import { ModelEvent, modelStreamId, ModelState } from './model/model';
import { ModelCommand, modelDecider } from './model/model.decider';
import { MODEL_NAMES_MIGRATION, modelNamesProjection } from './model/creating-model/model-names.projection';
import {
  REGISTERED_MODELS_DELETED_MIGRATION,
  REGISTERED_MODELS_MIGRATION,
  registeredModelsProjection,
} from './model/getting-model/registered-models.projection';
import {
  MODEL_VERSIONS_LIFECYCLE_MIGRATION,
  MODEL_VERSIONS_MIGRATION,
  MODEL_VERSIONS_STORAGE_LOCATION_MIGRATION,
  modelVersionsProjection,
} from './model/listing-versions/model-versions.projection';
import { MODEL_ALIASES_MIGRATION, modelAliasesProjection } from './model/getting-alias/model-aliases.projection';
import { MODEL_NAME_HISTORY_MIGRATION, modelNameHistoryProjection } from './auditing/model-name-history.projection';
import { POINT_IN_TIME_INDEXES_MIGRATION } from './point-in-time/reading-as-of/history-events';
import { CommandSettings, DEFAULT_COMMAND_SETTINGS } from './command-settings';
import { ModelIdCache, onModelNamed } from './model-ids';
import { VERSION_SEARCH_INDEXES_MIGRATION, VERSION_STATISTICS_MIGRATION } from './mlflow/querying/search-indexes';
import { versionArtifactsProjection } from './artifacts/storing/version-artifacts.table';

export const REGISTRY = Symbol('registry-context');

/** What every registry slice needs: its database and the one command handler of the model aggregate. */
export interface RegistryContext {
  db: DataSource;
  models: CommandHandler<ModelCommand, ModelEvent, ModelState>;
  /** Name → model id for writes (see onModelNamed). */
  modelIds: ModelIdCache;
}

export const registryMigrations: Migration[] = [
  MODEL_NAMES_MIGRATION,
  REGISTERED_MODELS_MIGRATION,
  MODEL_VERSIONS_MIGRATION,
  REGISTERED_MODELS_DELETED_MIGRATION,
  MODEL_VERSIONS_LIFECYCLE_MIGRATION,
  MODEL_ALIASES_MIGRATION,
  MODEL_NAME_HISTORY_MIGRATION,
  POINT_IN_TIME_INDEXES_MIGRATION,
  VERSION_SEARCH_INDEXES_MIGRATION,
  VERSION_STATISTICS_MIGRATION,
  MODEL_VERSIONS_STORAGE_LOCATION_MIGRATION,
];

/**
 * Inline, in this order: the name index first, so a taken name aborts the transaction before
 * any other read model is touched. All are rebuildable from the log with ProjectionRunner.
 */
export const registryProjections: Projection[] = [
  modelNamesProjection,
  registeredModelsProjection,
  modelVersionsProjection,
  modelAliasesProjection,
  modelNameHistoryProjection,
  versionArtifactsProjection,
];

/**
 * A model stream grows by one event per version; snapshots keep loading it cheap. Version 3:
 * the state keeps sparse maps instead of one entry per version (O(1) in the number of
 * versions), so older snapshots are replayed. Version 4: the state has the sparse map of
 * attached artifacts.
 */
export const MODEL_SNAPSHOTS: SnapshotPolicy<ModelState> = { every: 100, schemaVersion: 4 };

export function createRegistryContext(db: DataSource, commands: CommandSettings = DEFAULT_COMMAND_SETTINGS): RegistryContext {
  const models = new CommandHandler(db, {
    ...commands,
    decider: modelDecider,
    source: 'registry',
    catalog: registryEvents,
    newEventId: newId,
    inline: registryProjections,
    snapshot: MODEL_SNAPSHOTS,
  });
  return { db, models, modelIds: new ModelIdCache() };
}

/** A command to the model that has this name now (commands address models by name, streams by id). */
export async function handleByName(
  registry: RegistryContext,
  command: { type: ModelCommand['type']; data: { name: string } },
  metadata: CommandMetadata,
): Promise<{ modelId: string; handled: Handled<ModelState> }> {
  const { name } = command.data;
  const result = await onModelNamed(
    registry,
    name,
    async (modelId) => ({ modelId, handled: await registry.models.handle(modelStreamId(modelId), { ...command, metadata } as ModelCommand) }),
    () => streamOfResentCommand(registry.db, metadata.commandId),
  );
  // The name now names nothing, or another model later: look it up afresh next time.
  if (command.type === 'DeleteRegisteredModel' || (command.data as { newName?: string }).newName !== undefined) registry.modelIds.forget(name);
  return result;
}

/** The event a given client commandId produced in a stream, if any: lets a resend answer like the first. */
export async function eventOfCommand(on: Queryable, streamId: string, commandId: string): Promise<Record<string, unknown> | undefined> {
  const rows: { data: Record<string, unknown> }[] = await on.query(
    `SELECT data FROM events WHERE stream_id = $1 AND metadata->>'commandId' = $2 ORDER BY stream_position LIMIT 1`,
    [streamId, commandId],
  );
  return rows[0]?.data;
}

/**
 * A resent bus command whose first delivery renamed or deleted its model no longer finds the
 * model by name: the model its events went to takes it, and the handler then sees the
 * commandId as already handled. (Only on this not-found path, so the scan is rare.)
 */
async function streamOfResentCommand(on: Queryable, commandId: string | undefined): Promise<string | undefined> {
  if (!commandId) return undefined;
  const rows: { model_id: string }[] = await on.query(
    `SELECT data->>'modelId' AS model_id FROM events WHERE metadata->>'commandId' = $1 AND stream_id LIKE 'model-%' LIMIT 1`,
    [commandId],
  );
  return rows[0]?.model_id;
}
