import { EntityManager } from 'typeorm';
import { RegisteredModelCreatedData, VersionCreatedData } from '@ledger/contracts';
import { Migration, Projection, Queryable, StoredEvent } from '@ledger/eventstore';
import { eventData, occurredAt } from '../../stored-event';

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

export interface ModelView {
  modelId: string;
  name: string;
  description: string;
  tags: Record<string, string>;
  /** null until the first version is registered. */
  latestVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One row per model for GET /api/v1/models/:name; idempotent so a replay changes nothing. */
export const registeredModelsProjection: Projection = {
  name: 'registered_models',
  handles: ['RegisteredModelCreated', 'VersionCreated'],
  async apply(tx: EntityManager, event: StoredEvent): Promise<void> {
    if (event.type === 'RegisteredModelCreated') {
      const { modelId, name, description, tags } = eventData<RegisteredModelCreatedData>(event);
      await tx.query(
        `INSERT INTO registered_models (model_id, name, description, tags, latest_version, created_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, NULL, $5, $5) ON CONFLICT (model_id) DO NOTHING`,
        [modelId, name, description, JSON.stringify(tags), occurredAt(event)],
      );
      return;
    }
    const { modelId, version } = eventData<VersionCreatedData>(event);
    await tx.query(
      `UPDATE registered_models SET latest_version = $2, updated_at = $3
       WHERE model_id = $1 AND (latest_version IS NULL OR latest_version < $2)`,
      [modelId, version, occurredAt(event)],
    );
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM registered_models`);
  },
};

export async function findModel(on: Queryable, name: string): Promise<ModelView | undefined> {
  const rows = await on.query(
    `SELECT model_id, name, description, tags, latest_version, created_at, updated_at FROM registered_models WHERE name = $1`,
    [name],
  );
  return rows[0] && toView(rows[0]);
}

function toView(row: Record<string, unknown>): ModelView {
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
