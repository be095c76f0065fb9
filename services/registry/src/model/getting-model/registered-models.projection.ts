import { EntityManager } from 'typeorm';
import { registryEvents } from '@ledger/contracts';
import { CatalogEventOf, Migration, occurredAt, Queryable, StoredEvent } from '@ledger/eventstore';
import { registryProjection } from '../../stored-event';

export const REGISTERED_MODELS_MIGRATION: Migration = {
  id: 'registry-002-registered-models',
  sql: `CREATE TABLE registered_models (
  model_id       uuid PRIMARY KEY,
  name           text NOT NULL UNIQUE,
  description    text NOT NULL,
  tags           jsonb NOT NULL,
  latest_version int,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);`,
};

// A deleted model keeps its row (flagged) while its name becomes free for a new model.
export const REGISTERED_MODELS_DELETED_MIGRATION: Migration = {
  id: 'registry-004-registered-models-deleted',
  sql: `ALTER TABLE registered_models ADD COLUMN deleted boolean NOT NULL DEFAULT false;
ALTER TABLE registered_models DROP CONSTRAINT registered_models_name_key;
CREATE UNIQUE INDEX registered_models_live_name ON registered_models (name) WHERE NOT deleted;`,
};

export interface ModelView {
  modelId: string;
  name: string;
  description: string;
  tags: Record<string, string>;
  /** The highest version number allocated so far (null until the first one). */
  latestVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Any event about one model: what `update` and `touch` need of it. */
type ModelScopedEvent = Pick<StoredEvent, 'metadata'> & { data: { modelId: string } };

/** One row per model for GET /api/v1/models/:name; idempotent so a replay changes nothing. */
export const registeredModelsProjection = registryProjection({
  name: 'registered_models',
  // 2: updated_at as MLflow's last_updated_timestamp (tags leave it; stage moves and version deletes move it).
  version: 2,
  // Each statement only sets values taken from the event, so applying an event twice changes nothing.
  on: {
    RegisteredModelCreated: (tx, event) => {
      const { modelId, name, description, tags } = event.data;
      return tx.query(
        `INSERT INTO registered_models (model_id, name, description, tags, latest_version, created_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, NULL, $5, $5) ON CONFLICT (model_id) DO NOTHING`,
        [modelId, name, description, JSON.stringify(tags), occurredAt(event)],
      );
    },
    VersionCreated: (tx, event) =>
      tx.query(
        `UPDATE registered_models SET latest_version = $2, updated_at = $3
         WHERE model_id = $1 AND (latest_version IS NULL OR latest_version < $2)`,
        [event.data.modelId, event.data.version, occurredAt(event)],
      ),
    RegisteredModelRenamed: (tx, event) => update(tx, event, 'name = $3', [event.data.name]),
    RegisteredModelDescriptionUpdated: (tx, event) => update(tx, event, 'description = $3', [event.data.description]),
    // Tags leave updated_at alone, as MLflow's last_updated_timestamp; stage moves and deleted
    // versions move it, as there.
    RegisteredModelTagSet: (tx, { data: { modelId, key, value } }) =>
      tx.query(
        `UPDATE registered_models SET tags = tags || jsonb_build_object($2::text, $3::text) WHERE model_id = $1`,
        [modelId, key, value],
      ),
    RegisteredModelTagDeleted: (tx, { data: { modelId, key } }) =>
      tx.query(`UPDATE registered_models SET tags = tags - $2::text WHERE model_id = $1`, [modelId, key]),
    RegisteredModelDeleted: (tx, event) => update(tx, event, 'deleted = true', []),
    VersionStageTransitioned: touch,
    VersionDeleted: touch,
  },
  runs: { VersionCreated: raiseLatestVersions },
  reset: (tx) => tx.query(`DELETE FROM registered_models`),
});

/** $1 is the model id and $2 the event's time, which becomes updated_at; `set` uses $3 onwards. */
function update(tx: EntityManager, event: ModelScopedEvent, set: string, values: unknown[]): Promise<unknown> {
  return tx.query(`UPDATE registered_models SET ${set}, updated_at = $2 WHERE model_id = $1`, [
    event.data.modelId,
    occurredAt(event),
    ...values,
  ]);
}

function touch(tx: EntityManager, event: ModelScopedEvent): Promise<unknown> {
  return tx.query(`UPDATE registered_models SET updated_at = $2 WHERE model_id = $1`, [
    event.data.modelId,
    occurredAt(event),
  ]);
}

/**
 * A run of VersionCreated in one statement. Per model only its highest version counts, with
 * that event's time: what applying them one by one leaves, since each only ever raises it.
 */
function raiseLatestVersions(
  tx: EntityManager,
  events: CatalogEventOf<typeof registryEvents, 'VersionCreated'>[],
): Promise<unknown> {
  const created = events.map((event) => ({ ...event.data, at: occurredAt(event) }));
  return tx.query(
    `UPDATE registered_models r SET latest_version = v.version, updated_at = v.at
     FROM (SELECT DISTINCT ON (model_id) model_id, version, at
           FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS u(model_id, version, at)
           ORDER BY model_id, version DESC) v
     WHERE r.model_id = v.model_id AND (r.latest_version IS NULL OR r.latest_version < v.version)`,
    [created.map((c) => c.modelId), created.map((c) => c.version), created.map((c) => c.at)],
  );
}

/** A live (not deleted) model by its current name. */
export async function findModel(on: Queryable, name: string): Promise<ModelView | undefined> {
  const rows = await on.query(
    `SELECT model_id, name, description, tags, latest_version, created_at, updated_at FROM registered_models WHERE name = $1 AND NOT deleted`,
    [name],
  );
  return rows[0] && modelViewOfRow(rows[0]);
}

export function modelViewOfRow(row: Record<string, unknown>): ModelView {
  return {
    modelId: row.model_id as string,
    name: row.name as string,
    description: row.description as string,
    tags: row.tags as Record<string, string>,
    latestVersion: row.latest_version as number | null,
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}

/** A live model by its immutable id (e.g. right after a rename). */
export async function findModelById(on: Queryable, modelId: string): Promise<ModelView | undefined> {
  const rows = await on.query(
    `SELECT model_id, name, description, tags, latest_version, created_at, updated_at FROM registered_models WHERE model_id = $1 AND NOT deleted`,
    [modelId],
  );
  return rows[0] && modelViewOfRow(rows[0]);
}
