import { EntityManager } from 'typeorm';
import { NotFoundError, Strategy, TrafficTableSchema } from '@ledger/contracts';
import { z } from 'zod';

type On = Pick<EntityManager, 'query'>;

export interface DeploymentView {
  deploymentId: string;
  environment: string;
  name: string;
  version: number;
  strategy: Strategy;
  replicas: number;
  trigger: { kind: string; causedBy: string };
  reason: string | null;
  supersedes: string | null;
  /** The running rollout this one joined: it ends as that one ends. */
  joins: string | null;
  phase: 'requested' | 'progressing' | 'paused' | 'succeeded' | 'rolled-back' | 'aborted';
  stableVersion: number | null;
  step: number | null;
  /** Percent of requests the new version gets now. */
  weight: number | null;
  pausedReason: string | null;
  outcomeReason: string | null;
  supersededBy: string | null;
  requestedAt: string;
  requestedBy: string;
  endedAt: string | null;
}

export interface RolloutEventView {
  position: number;
  deploymentId: string | null;
  type: string;
  data: Record<string, unknown>;
  at: string;
  actor: string;
}

export type TrafficTable = z.infer<typeof TrafficTableSchema>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export const SELECT_DEPLOYMENT = `SELECT deployment_id AS "deploymentId", environment, name, version, strategy, replicas,
    trigger, reason, supersedes, joins, phase, stable_version AS "stableVersion", step, weight, paused_reason AS "pausedReason",
    outcome_reason AS "outcomeReason", superseded_by AS "supersededBy", requested_at AS "requestedAt",
    requested_by AS "requestedBy", ended_at AS "endedAt"
  FROM deployer_deployments`;

export const asDeployment = (row: DeploymentView): DeploymentView => ({
  ...row,
  requestedAt: iso(row.requestedAt) as string,
  endedAt: iso(row.endedAt),
});

const asEvent = (row: RolloutEventView & { position: string }): RolloutEventView => ({
  ...row,
  position: Number(row.position),
  at: iso(row.at) as string,
});

const SELECT_EVENTS = `SELECT position, deployment_id AS "deploymentId", type, data, at, actor FROM deployer_rollout_events`;

/** One rollout and its events (steps, traffic shifts, analysis results), oldest first. */
export async function deploymentWithEvents(on: On, deploymentId: string) {
  const rows: DeploymentView[] = await on.query(`${SELECT_DEPLOYMENT} WHERE deployment_id = $1`, [deploymentId]);
  if (!rows[0]) throw new NotFoundError(`no deployment "${deploymentId}"`, { deploymentId });
  const events = await on.query(`${SELECT_EVENTS} WHERE deployment_id = $1 ORDER BY position`, [deploymentId]);
  return { deployment: asDeployment(rows[0]), events: events.map(asEvent) };
}

/** The rollouts of a model in an environment, newest first. */
export async function deploymentsOf(on: On, target: { environment: string; name: string }, limit: number) {
  const rows: DeploymentView[] = await on.query(
    `${SELECT_DEPLOYMENT} WHERE environment = $1 AND name = $2 ORDER BY requested_at DESC, deployment_id LIMIT $3`,
    [target.environment, target.name, limit],
  );
  return rows.map(asDeployment);
}

/** Every deployer event of a model in an environment (rollouts, scaling, undeploys), oldest first. */
export async function historyOf(on: On, target: { environment: string; name: string }, limit: number) {
  const rows = await on.query(
    `SELECT * FROM (${SELECT_EVENTS} WHERE environment = $1 AND name = $2 ORDER BY position DESC LIMIT $3) e
     ORDER BY position`,
    [target.environment, target.name, limit],
  );
  return rows.map(asEvent);
}
