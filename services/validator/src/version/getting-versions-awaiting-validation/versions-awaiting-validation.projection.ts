import { EntityManager } from 'typeorm';
import { registryEvents } from '@ledger/contracts';
import { catalogProjection, CatalogEventOf, Migration, StoredEvent } from '@ledger/eventstore';

export const VERSIONS_AWAITING_VALIDATION_MIGRATION: Migration = {
  id: 'validator-001-versions-awaiting-validation',
  sql: `CREATE TABLE versions_awaiting_validation (
    model_id      uuid NOT NULL,
    model_name    text NOT NULL,
    version       int NOT NULL,
    source        text NOT NULL,
    run_id        text NOT NULL,
    registered_at timestamptz NOT NULL,
    event_id      uuid NOT NULL UNIQUE,
    PRIMARY KEY (model_id, version)
  );
  CREATE INDEX versions_awaiting_by_name ON versions_awaiting_validation (model_name, version);`,
};

const registeredAt = (event: Pick<StoredEvent, 'metadata' | 'createdAt'>) =>
  (event.metadata as { occurredAt?: string }).occurredAt ?? event.createdAt;

function insertAwaiting(
  tx: EntityManager,
  events: CatalogEventOf<typeof registryEvents, 'VersionCreated'>[],
): Promise<unknown> {
  const rows = events.map((event) => ({ data: event.data, at: registeredAt(event), id: event.id }));
  return tx.query(
    `INSERT INTO versions_awaiting_validation (model_id, model_name, version, source, run_id, registered_at, event_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::uuid[]) ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.data.modelId),
      rows.map((r) => r.data.name),
      rows.map((r) => r.data.version),
      rows.map((r) => r.data.source),
      rows.map((r) => r.data.runId),
      rows.map((r) => r.at),
      rows.map((r) => r.id),
    ],
  );
}

/**
 * "Which versions still need a validation run?" — one row per VersionCreated seen. The inbox
 * keeps the registry's events as upcast on receipt, so reading them through the registry's
 * catalog changes nothing today, and still reads them once that catalog's schema moves on.
 */
export const versionsAwaitingValidation = catalogProjection(registryEvents)({
  name: 'versions-awaiting-validation',
  on: { VersionCreated: (tx, event) => insertAwaiting(tx, [event]) },
  // Under load events arrive in runs: one statement for the run, the same rows.
  runs: { VersionCreated: insertAwaiting },
  reset: (tx) => tx.query(`DELETE FROM versions_awaiting_validation`),
});

export interface AwaitingValidationRow {
  modelId: string;
  modelName: string;
  version: number;
  source: string;
  runId: string;
  registeredAt: string;
}

export async function queryVersionsAwaitingValidation(
  on: Pick<EntityManager, 'query'>,
  filter: { modelName?: string; limit: number },
): Promise<AwaitingValidationRow[]> {
  const rows = await on.query(
    `SELECT model_id AS "modelId", model_name AS "modelName", version, source, run_id AS "runId", registered_at AS "registeredAt"
     FROM versions_awaiting_validation WHERE ($1::text IS NULL OR model_name = $1)
     ORDER BY registered_at, model_name, version LIMIT $2`,
    [filter.modelName ?? null, filter.limit],
  );
  return rows.map((r: AwaitingValidationRow & { registeredAt: Date }) => ({
    ...r,
    registeredAt: new Date(r.registeredAt).toISOString(),
  }));
}
