import { DataSource } from 'typeorm';
import { registryEvents } from '@ledger/contracts';
import { CommandHandler, Migration, newId, Projection, Queryable } from '@ledger/eventstore';
import { ModelEvent, ModelState } from './model/model';
import { ModelCommand, modelDecider } from './model/model.decider';
import { MODEL_NAMES_MIGRATION, modelNamesProjection } from './model/creating-model/model-names.projection';
import { REGISTERED_MODELS_MIGRATION, registeredModelsProjection } from './model/getting-model/registered-models.projection';
import { MODEL_VERSIONS_MIGRATION, modelVersionsProjection } from './model/listing-versions/model-versions.projection';

export const REGISTRY = Symbol('registry-context');

/** What every registry slice needs: its database and the one command handler of the model aggregate. */
export interface RegistryContext {
  db: DataSource;
  models: CommandHandler<ModelCommand, ModelEvent, ModelState>;
}

export const registryMigrations: Migration[] = [MODEL_NAMES_MIGRATION, REGISTERED_MODELS_MIGRATION, MODEL_VERSIONS_MIGRATION];

/**
 * Inline, in this order: the name index first, so a taken name aborts the transaction before
 * any other read model is touched. All are rebuildable from the log with ProjectionRunner.
 */
export const registryProjections: Projection[] = [modelNamesProjection, registeredModelsProjection, modelVersionsProjection];

export function createRegistryContext(db: DataSource): RegistryContext {
  const models = new CommandHandler(db, {
    decider: modelDecider,
    source: 'registry',
    catalog: registryEvents,
    newEventId: newId,
    inline: registryProjections,
    // A model stream grows by one event per version; snapshots keep loading it cheap.
    snapshot: { every: 100, schemaVersion: 1 },
  });
  return { db, models };
}

/** The event a given client commandId produced in a stream, if any: lets a resend answer like the first. */
export async function eventOfCommand(on: Queryable, streamId: string, commandId: string): Promise<Record<string, unknown> | undefined> {
  const rows: { data: Record<string, unknown> }[] = await on.query(
    `SELECT data FROM events WHERE stream_id = $1 AND metadata->>'commandId' = $2 ORDER BY stream_position LIMIT 1`,
    [streamId, commandId],
  );
  return rows[0]?.data;
}
