import { orchestratorEvents } from '@ledger/contracts';
import { catalogProjection, Migration, StoredEvent } from '@ledger/eventstore';

export const PIPELINES_MIGRATION: Migration = {
  id: 'orchestrator-pipelines-001',
  sql: `CREATE TABLE pipelines (
    scope            text PRIMARY KEY,
    pipeline_version int NOT NULL,
    definition       jsonb NOT NULL,
    defined_at       timestamptz NOT NULL,
    defined_by       text NOT NULL
  );`,
};

/** When an event happened (its command's time) and who caused it, from its metadata. */
export const occurredAt = (event: Pick<StoredEvent, 'metadata' | 'createdAt'>): string =>
  (event.metadata as { occurredAt?: string }).occurredAt ?? new Date(event.createdAt).toISOString();
export const actorOf = (event: Pick<StoredEvent, 'metadata'>): string =>
  (event.metadata as { actor?: { id: string } }).actor?.id ?? 'unknown';

/** The definition in force per scope, written with the PipelineDefined (read-your-writes for PUT then GET, and for runs). */
export const pipelinesProjection = catalogProjection(orchestratorEvents)({
  name: 'orchestrator-pipelines',
  on: {
    PipelineDefined: (tx, e) =>
      tx.query(
        `INSERT INTO pipelines (scope, pipeline_version, definition, defined_at, defined_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (scope) DO UPDATE SET pipeline_version = EXCLUDED.pipeline_version,
           definition = EXCLUDED.definition, defined_at = EXCLUDED.defined_at, defined_by = EXCLUDED.defined_by
         WHERE pipelines.pipeline_version < EXCLUDED.pipeline_version`,
        [e.data.model, e.data.pipelineVersion, JSON.stringify(e.data.definition), occurredAt(e), actorOf(e)],
      ),
  },
  reset: (tx) => tx.query(`DELETE FROM pipelines`),
});
