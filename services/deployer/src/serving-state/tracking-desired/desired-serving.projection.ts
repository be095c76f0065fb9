import { EntityManager } from 'typeorm';
import { deployerEvents } from '@ledger/contracts';
import { catalogProjection, Migration, StoredEvent } from '@ledger/eventstore';
import { occurredAt } from '../../event-metadata';

/** What the deployer wants served per model and environment: the routing table, the stable version, the rollout on. */
export const DESIRED_SERVING_MIGRATION: Migration = {
  id: 'deployer-edges-005-desired-serving',
  sql: `CREATE TABLE deployer_desired_serving (
    environment          text NOT NULL,
    name                 text NOT NULL,
    traffic              jsonb,
    replicas             int,
    stable_version       int,
    stable_since         timestamptz,
    stable_deployment_id text,
    active_deployment_id text,
    last_outcome         text,
    last_deployment_id   text,
    last_outcome_at      timestamptz,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (environment, name)
  );`,
};

type Target = { environment: string; name: string };

/** Sets columns of a model's row in an environment (created on first sight); $3 is the event's time. */
async function setDesired(
  tx: EntityManager,
  event: StoredEvent,
  t: Target,
  assignments: string,
  values: unknown[] = [],
) {
  await tx.query(
    `INSERT INTO deployer_desired_serving (environment, name, updated_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [t.environment, t.name, occurredAt(event)],
  );
  await tx.query(
    `UPDATE deployer_desired_serving SET ${assignments}, updated_at = $3 WHERE environment = $1 AND name = $2`,
    [t.environment, t.name, occurredAt(event), ...values],
  );
}

const allOn = (version: number) => JSON.stringify({ routes: [{ version, weight: 100 }] });
const outcome = (what: string) =>
  `last_outcome = '${what}', last_deployment_id = $4, last_outcome_at = $3,
   active_deployment_id = CASE WHEN active_deployment_id = $4 THEN NULL ELSE active_deployment_id END`;

/** The desired side of each model's serving, from the deployer's own events (replayable). */
export const desiredServing = catalogProjection(deployerEvents)({
  name: 'deployer-desired-serving',
  on: {
    // A joiner changes nothing served: the rollout it joined stays the active one.
    DeploymentRequested: async (tx, e) => {
      if (!e.data.joins) await setDesired(tx, e, e.data, `active_deployment_id = $4`, [e.data.deploymentId]);
    },
    TrafficShifted: (tx, e) => setDesired(tx, e, e.data, `traffic = $4`, [JSON.stringify(e.data.traffic)]),
    DeploymentSucceeded: (tx, e) =>
      setDesired(
        tx,
        e,
        e.data,
        `${outcome('succeeded')}, stable_version = $5, stable_since = $3, stable_deployment_id = $4, replicas = $6, traffic = $7`,
        [e.data.deploymentId, e.data.version, e.data.replicas, allOn(e.data.version)],
      ),
    DeploymentRolledBack: (tx, e) =>
      setDesired(
        tx,
        e,
        e.data,
        `${outcome('rolled-back')}, stable_version = $5, stable_since = $3, stable_deployment_id = $4, traffic = $6`,
        [e.data.deploymentId, e.data.toVersion, allOn(e.data.toVersion)],
      ),
    // Superseded: the newer rollout's own events set the traffic. Otherwise everything is back on stable.
    DeploymentAborted: (tx, e) =>
      setDesired(
        tx,
        e,
        e.data,
        `${outcome('aborted')}, traffic = CASE WHEN $5::boolean THEN traffic
           WHEN stable_version IS NULL THEN NULL
           ELSE jsonb_build_object('routes', jsonb_build_array(jsonb_build_object('version', stable_version, 'weight', 100))) END`,
        [e.data.deploymentId, e.data.supersededBy !== null],
      ),
    DeploymentScaled: (tx, e) => setDesired(tx, e, e.data, `replicas = $4`, [e.data.replicas]),
    Undeployed: (tx, e) =>
      setDesired(
        tx,
        e,
        e.data,
        `last_outcome = 'undeployed', last_outcome_at = $3, traffic = NULL, stable_version = NULL, stable_since = NULL,
         stable_deployment_id = NULL, active_deployment_id = NULL, replicas = NULL`,
      ),
  },
  reset: (tx) => tx.query(`DELETE FROM deployer_desired_serving`),
});
