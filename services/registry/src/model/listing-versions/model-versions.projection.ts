import { EntityManager } from 'typeorm';
import { VersionCreatedData } from '@ledger/contracts';
import { Migration, Projection, Queryable, StoredEvent } from '@ledger/eventstore';
import { eventData, occurredAt } from '../../stored-event';

export const MODEL_VERSIONS_MIGRATION: Migration = {
  id: 'registry-003-model-versions',
  sql: `CREATE TABLE model_versions (
  model_id    uuid NOT NULL,
  version     int NOT NULL,
  name        text NOT NULL,
  source      text NOT NULL,
  run_id      text NOT NULL,
  description text NOT NULL,
  tags        jsonb NOT NULL,
  metrics     jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (model_id, version)
);`,
};

export interface VersionView {
  modelId: string;
  name: string;
  version: number;
  source: string;
  runId: string;
  description: string;
  tags: Record<string, string>;
  metrics: Record<string, number>;
  createdAt: string;
}

/** One row per version, for listing and getting versions; a replayed event is a no-op. */
export const modelVersionsProjection: Projection = {
  name: 'model_versions',
  handles: ['VersionCreated'],
  async apply(tx: EntityManager, event: StoredEvent): Promise<void> {
    const v = eventData<VersionCreatedData>(event);
    await tx.query(
      `INSERT INTO model_versions (model_id, version, name, source, run_id, description, tags, metrics, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9) ON CONFLICT (model_id, version) DO NOTHING`,
      [v.modelId, v.version, v.name, v.source, v.runId, v.description, JSON.stringify(v.tags), JSON.stringify(v.metrics), occurredAt(event)],
    );
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM model_versions`);
  },
};

/** The view of a version just created, straight from its event: what the row above will hold. */
export function versionViewOf(event: StoredEvent): VersionView {
  const v = eventData<VersionCreatedData>(event);
  const { modelId, name, version, source, runId, description, tags, metrics } = v;
  return { modelId, name, version, source, runId, description, tags, metrics, createdAt: new Date(occurredAt(event)).toISOString() };
}

const COLUMNS = `model_id, name, version, source, run_id, description, tags, metrics, created_at`;

export async function listVersions(on: Queryable, modelId: string): Promise<VersionView[]> {
  const rows = await on.query(`SELECT ${COLUMNS} FROM model_versions WHERE model_id = $1 ORDER BY version`, [modelId]);
  return rows.map(toView);
}

export async function findVersion(on: Queryable, modelId: string, version: number): Promise<VersionView | undefined> {
  const rows = await on.query(`SELECT ${COLUMNS} FROM model_versions WHERE model_id = $1 AND version = $2`, [modelId, version]);
  return rows[0] && toView(rows[0]);
}

function toView(row: Record<string, unknown>): VersionView {
  return {
    modelId: row.model_id as string,
    name: row.name as string,
    version: row.version as number,
    source: row.source as string,
    runId: row.run_id as string,
    description: row.description as string,
    tags: row.tags as Record<string, string>,
    metrics: row.metrics as Record<string, number>,
    createdAt: (row.created_at as Date).toISOString(),
  };
}
