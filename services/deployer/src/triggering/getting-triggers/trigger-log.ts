import { EntityManager } from 'typeorm';
import { Migration } from '@ledger/eventstore';

type On = Pick<EntityManager, 'query'>;

/**
 * What each registry event triggered, per environment: requested (with the rollout), skipped (a
 * version without an artifact) or refused by the rollout workflow. `deployer_triggered_events`
 * remembers which events were looked at, so a rebuild of the registry knowledge never triggers
 * again from old events (an environment configured since would otherwise replay history).
 */
export const TRIGGER_LOG_MIGRATION: Migration = {
  id: 'deployer-edges-003-trigger-log',
  sql: `CREATE TABLE deployer_triggered_events (event_id uuid PRIMARY KEY);
  CREATE TABLE deployer_trigger_log (
    event_id      uuid NOT NULL,
    environment   text NOT NULL,
    event_type    text NOT NULL,
    name          text NOT NULL,
    version       int NOT NULL,
    outcome       text NOT NULL,
    reason        text NOT NULL,
    deployment_id text,
    at            timestamptz NOT NULL,
    position      bigserial,
    PRIMARY KEY (event_id, environment)
  );
  CREATE INDEX deployer_trigger_log_recent ON deployer_trigger_log (position DESC);`,
};

export interface TriggerLogEntry {
  eventId: string;
  environment: string;
  eventType: string;
  name: string;
  version: number;
  outcome: 'requested' | 'skipped' | 'refused';
  reason: string;
  deploymentId: string | null;
  at: string;
}

/** True the first time an event is looked at (in the caller's transaction). */
export async function firstLookAt(tx: On, eventId: string): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO deployer_triggered_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING event_id`,
    [eventId],
  );
  return rows.length > 0;
}

export async function recordTrigger(tx: On, entry: TriggerLogEntry): Promise<void> {
  await tx.query(
    `INSERT INTO deployer_trigger_log (event_id, environment, event_type, name, version, outcome, reason, deployment_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [
      entry.eventId,
      entry.environment,
      entry.eventType,
      entry.name,
      entry.version,
      entry.outcome,
      entry.reason,
      entry.deploymentId,
      entry.at,
    ],
  );
}

/** Newest first, optionally for one environment and/or model. */
export async function recentTriggers(
  on: On,
  filter: { environment?: string; model?: string; limit: number },
): Promise<TriggerLogEntry[]> {
  const rows: (Omit<TriggerLogEntry, 'at'> & { at: Date })[] = await on.query(
    `SELECT event_id AS "eventId", environment, event_type AS "eventType", name, version, outcome, reason,
       deployment_id AS "deploymentId", at
     FROM deployer_trigger_log
     WHERE ($1::text IS NULL OR environment = $1) AND ($2::text IS NULL OR name = $2)
     ORDER BY position DESC LIMIT $3`,
    [filter.environment ?? null, filter.model ?? null, filter.limit],
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
}
