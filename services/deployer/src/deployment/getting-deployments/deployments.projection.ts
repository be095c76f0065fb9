import { EntityManager } from 'typeorm';
import { deployerEvents } from '@ledger/contracts';
import { catalogProjection, StoredEvent } from '@ledger/eventstore';
import { actorOf, occurredAt } from '../../event-metadata';
import { DEPLOYMENT_TABLES } from './deployments.tables';

type Target = { environment: string; name: string; deploymentId?: string };

/** Every deployer event of a model in an environment, once (its log position is the key). */
const recordEvent = (tx: EntityManager, event: StoredEvent, data: Target) =>
  tx.query(
    `INSERT INTO deployer_rollout_events (position, environment, name, deployment_id, type, data, at, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [
      event.globalPosition,
      data.environment,
      data.name,
      data.deploymentId ?? null,
      event.type,
      JSON.stringify(event.data),
      occurredAt(event),
      actorOf(event),
    ],
  );

/** Sets columns of one rollout; $1 is its id, $2 the event's time, the rest follow. */
const setRollout = (tx: EntityManager, event: StoredEvent, id: string, assignments: string, values: unknown[] = []) =>
  tx.query(`UPDATE deployer_deployments SET ${assignments}, updated_at = $2 WHERE deployment_id = $1`, [
    id,
    occurredAt(event),
    ...values,
  ]);

const ended = (phase: string) => `phase = '${phase}', ended_at = $2`;

/** One row per rollout and the events of each model in each environment, from the deployer's own log. */
export const deploymentsProjection = catalogProjection(deployerEvents)({
  name: 'deployer-deployments',
  on: {
    DeploymentRequested: async (tx, e) => {
      const d = e.data;
      await tx.query(
        `INSERT INTO deployer_deployments (deployment_id, environment, name, version, strategy, replicas, trigger, reason,
           supersedes, joins, phase, requested_at, requested_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $12, 'requested', $10, $11, $10) ON CONFLICT DO NOTHING`,
        [
          d.deploymentId,
          d.environment,
          d.name,
          d.version,
          JSON.stringify(d.strategy),
          d.replicas,
          JSON.stringify(d.trigger),
          d.reason,
          d.supersedes,
          occurredAt(e),
          actorOf(e),
          d.joins ?? null,
        ],
      );
      await recordEvent(tx, e, d);
    },
    DeploymentStarted: async (tx, e) => {
      await setRollout(tx, e, e.data.deploymentId, `phase = 'progressing', stable_version = $3, step = 0`, [
        e.data.stableVersion,
      ]);
      await recordEvent(tx, e, e.data);
    },
    TrafficShifted: async (tx, e) => {
      const weight = `(SELECT (r->>'weight')::int FROM jsonb_array_elements($4::jsonb->'routes') r
                       WHERE (r->>'version')::int = version)`;
      await setRollout(tx, e, e.data.deploymentId, `step = $3, weight = coalesce(${weight}, 0)`, [
        e.data.step,
        JSON.stringify(e.data.traffic),
      ]);
      await recordEvent(tx, e, e.data);
    },
    AnalysisCompleted: (tx, e) => recordEvent(tx, e, e.data),
    DeploymentPaused: async (tx, e) => {
      await setRollout(tx, e, e.data.deploymentId, `phase = 'paused', step = $3, paused_reason = $4`, [
        e.data.step,
        e.data.reason,
      ]);
      await recordEvent(tx, e, e.data);
    },
    DeploymentPromoted: async (tx, e) => {
      await setRollout(tx, e, e.data.deploymentId, `phase = 'progressing', paused_reason = NULL`);
      await recordEvent(tx, e, e.data);
    },
    DeploymentSucceeded: async (tx, e) => {
      await setRollout(tx, e, e.data.deploymentId, `${ended('succeeded')}, weight = 100, paused_reason = NULL`);
      await recordEvent(tx, e, e.data);
    },
    DeploymentRolledBack: async (tx, e) => {
      await setRollout(tx, e, e.data.deploymentId, `${ended('rolled-back')}, outcome_reason = $3`, [e.data.reason]);
      await recordEvent(tx, e, e.data);
    },
    DeploymentAborted: async (tx, e) => {
      await setRollout(tx, e, e.data.deploymentId, `${ended('aborted')}, outcome_reason = $3, superseded_by = $4`, [
        e.data.reason,
        e.data.supersededBy,
      ]);
      await recordEvent(tx, e, e.data);
    },
    DeploymentScaled: (tx, e) => recordEvent(tx, e, e.data),
    Undeployed: (tx, e) => recordEvent(tx, e, e.data),
  },
  reset: async (tx) => {
    for (const table of DEPLOYMENT_TABLES) await tx.query(`DELETE FROM ${table}`);
  },
});
