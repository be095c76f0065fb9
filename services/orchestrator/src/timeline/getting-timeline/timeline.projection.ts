import { EntityManager } from 'typeorm';
import { deployerEvents, orchestratorEvents, registryEvents, validatorEvents } from '@ledger/contracts';
import { Migration, Projection, StoredEvent } from '@ledger/eventstore';
import { occurredAt } from '../../pipeline/getting-pipelines/pipelines.projection';
import { summaryOf, TIMELINE_SERVICES, versionsOf } from './timeline-entries.domain';

export const TIMELINE_MIGRATION: Migration = {
  id: 'orchestrator-timeline-001',
  sql: `CREATE TABLE version_timeline (
    position       bigint NOT NULL,
    name           text NOT NULL,
    version        int NOT NULL,
    service        text NOT NULL,
    type           text NOT NULL,
    occurred_at    timestamptz NOT NULL,
    event_id       text NOT NULL,
    correlation_id text,
    causation_id   text,
    actor          jsonb,
    summary        text NOT NULL,
    data           jsonb NOT NULL,
    PRIMARY KEY (position, version)
  );
  CREATE INDEX version_timeline_by_version ON version_timeline (name, version, occurred_at, position);
  CREATE TABLE timeline_deployments (
    deployment_id text PRIMARY KEY,
    name          text NOT NULL,
    version       int NOT NULL
  );`,
};

const CATALOGS = {
  registry: registryEvents,
  validator: validatorEvents,
  deployer: deployerEvents,
  orchestrator: orchestratorEvents,
};

type Metadata = {
  workflow?: string;
  correlationId?: string;
  causationId?: string | null;
  actor?: { id: string; kind: string };
};

/** The versions an event is about: its own, else (a rollout's later events) its rollout's. */
async function versionsAbout(tx: EntityManager, event: StoredEvent, data: Record<string, unknown>): Promise<number[]> {
  const own = versionsOf(event.type, data);
  if (own) return own;
  if (typeof data.deploymentId !== 'string') return [];
  const rows: { version: number }[] = await tx.query(
    `SELECT version FROM timeline_deployments WHERE deployment_id = $1`,
    [data.deploymentId],
  );
  return rows.map((r) => r.version);
}

async function apply(tx: EntityManager, event: StoredEvent): Promise<void> {
  const metadata = event.metadata as Metadata;
  // A run's stream also holds its inputs, sends and timers: only what it published is history.
  if (metadata.workflow !== undefined && metadata.workflow !== 'publish') return;
  const service = TIMELINE_SERVICES[event.type];
  const data = CATALOGS[service].current(event.type, event.schemaVersion, event.data);
  if (event.type === 'DeploymentRequested')
    await tx.query(
      `INSERT INTO timeline_deployments (deployment_id, name, version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [data.deploymentId, data.name, data.version],
    );
  const versions = await versionsAbout(tx, event, data);
  if (versions.length === 0 || typeof data.name !== 'string') return;
  await tx.query(
    `INSERT INTO version_timeline (position, name, version, service, type, occurred_at, event_id, correlation_id,
       causation_id, actor, summary, data)
     SELECT $1, $2, v, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM unnest($12::int[]) AS v
     ON CONFLICT DO NOTHING`,
    [
      event.globalPosition,
      data.name,
      service,
      event.type,
      occurredAt(event),
      event.id,
      metadata.correlationId ?? null,
      metadata.causationId ?? null,
      metadata.actor ? JSON.stringify(metadata.actor) : null,
      summaryOf(event.type, data),
      JSON.stringify(data),
      [...new Set(versions)],
    ],
  );
}

/**
 * A version's cross-service timeline: the registry's, validator's and deployer's events as the
 * inbox received them, and the orchestrator's own run events, one row per version each is about.
 */
export const timelineProjection: Projection = {
  name: 'orchestrator-timeline',
  handles: Object.keys(TIMELINE_SERVICES),
  apply,
  reset: async (tx) => {
    await tx.query(`DELETE FROM version_timeline`);
    await tx.query(`DELETE FROM timeline_deployments`);
  },
};
