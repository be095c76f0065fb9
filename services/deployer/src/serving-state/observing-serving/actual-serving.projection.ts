import { EntityManager } from 'typeorm';
import { servingEvents } from '@ledger/contracts';
import { catalogProjection, Migration, StoredEvent } from '@ledger/eventstore';
import { occurredAt } from '../../event-metadata';

/** What serving reports it does (from ml.serving.events in the deployer's inbox): loaded versions and routes. */
export const ACTUAL_SERVING_MIGRATION: Migration = {
  id: 'deployer-edges-006-actual-serving',
  sql: `CREATE TABLE deployer_actual_versions (
    environment text NOT NULL,
    name        text NOT NULL,
    version     int NOT NULL,
    state       text NOT NULL,
    replicas    int NOT NULL,
    reason      text,
    since       timestamptz NOT NULL,
    PRIMARY KEY (environment, name, version)
  );
  CREATE TABLE deployer_actual_traffic (
    environment text NOT NULL,
    name        text NOT NULL,
    traffic     jsonb NOT NULL,
    since       timestamptz NOT NULL,
    PRIMARY KEY (environment, name)
  );`,
};

type Version = { environment: string; name: string; version: number };

const upsertVersion = (
  tx: EntityManager,
  e: StoredEvent,
  v: Version,
  state: string,
  replicas: number,
  reason: string | null,
) =>
  tx.query(
    `INSERT INTO deployer_actual_versions (environment, name, version, state, replicas, reason, since)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (environment, name, version) DO UPDATE SET state = EXCLUDED.state, replicas = EXCLUDED.replicas,
       reason = EXCLUDED.reason, since = EXCLUDED.since`,
    [v.environment, v.name, v.version, state, replicas, reason, occurredAt(e)],
  );

/** The actual side of each model's serving; replayable from the inbox. */
export const actualServing = catalogProjection(servingEvents)({
  name: 'deployer-actual-serving',
  on: {
    ServingVersionLoadRequested: (tx, e) => upsertVersion(tx, e, e.data, 'loading', 0, null),
    ServingVersionReady: (tx, e) => upsertVersion(tx, e, e.data, 'ready', e.data.replicas, null),
    ServingVersionLoadFailed: (tx, e) => upsertVersion(tx, e, e.data, 'failed', 0, e.data.reason),
    ServingVersionScaled: (tx, e) =>
      tx.query(
        `UPDATE deployer_actual_versions SET replicas = $4 WHERE environment = $1 AND name = $2 AND version = $3`,
        [e.data.environment, e.data.name, e.data.version, e.data.replicas],
      ),
    ServingVersionUnloaded: (tx, e) =>
      tx.query(`DELETE FROM deployer_actual_versions WHERE environment = $1 AND name = $2 AND version = $3`, [
        e.data.environment,
        e.data.name,
        e.data.version,
      ]),
    ServingTrafficSet: (tx, e) =>
      tx.query(
        `INSERT INTO deployer_actual_traffic (environment, name, traffic, since) VALUES ($1, $2, $3, $4)
         ON CONFLICT (environment, name) DO UPDATE SET traffic = EXCLUDED.traffic, since = EXCLUDED.since`,
        [e.data.environment, e.data.name, JSON.stringify(e.data.traffic), occurredAt(e)],
      ),
    // Undeployed: serving dropped the model's table with its last version.
    ServingTrafficCleared: (tx, e) =>
      tx.query(`DELETE FROM deployer_actual_traffic WHERE environment = $1 AND name = $2`, [
        e.data.environment,
        e.data.name,
      ]),
  },
  reset: async (tx) => {
    await tx.query(`DELETE FROM deployer_actual_versions`);
    await tx.query(`DELETE FROM deployer_actual_traffic`);
  },
});
