import { Migration } from '@ledger/eventstore';

/**
 * Rollouts as read models: one row per rollout (its phase, step and the new version's weight),
 * and every deployer event of a model in an environment, in log order, with the rollout it
 * belongs to (null for scale and undeploy, which concern the model there, not one rollout).
 */
export const DEPLOYMENTS_MIGRATION: Migration = {
  id: 'deployer-edges-004-deployments',
  sql: `CREATE TABLE deployer_deployments (
    deployment_id  text PRIMARY KEY,
    environment    text NOT NULL,
    name           text NOT NULL,
    version        int NOT NULL,
    strategy       jsonb NOT NULL,
    replicas       int NOT NULL,
    trigger        jsonb NOT NULL,
    reason         text,
    supersedes     text,
    phase          text NOT NULL,
    stable_version int,
    step           int,
    weight         int,
    paused_reason  text,
    outcome_reason text,
    superseded_by  text,
    requested_at   timestamptz NOT NULL,
    requested_by   text NOT NULL,
    ended_at       timestamptz,
    updated_at     timestamptz NOT NULL
  );
  CREATE INDEX deployer_deployments_by_target ON deployer_deployments (environment, name, requested_at DESC);
  CREATE TABLE deployer_rollout_events (
    position      bigint PRIMARY KEY,
    environment   text NOT NULL,
    name          text NOT NULL,
    deployment_id text,
    type          text NOT NULL,
    data          jsonb NOT NULL,
    at            timestamptz NOT NULL,
    actor         text NOT NULL
  );
  CREATE INDEX deployer_rollout_events_by_target ON deployer_rollout_events (environment, name, position);
  CREATE INDEX deployer_rollout_events_by_deployment ON deployer_rollout_events (deployment_id, position);`,
};

/** A rollout that joined the running one (the same version, strategy and replicas) names it. */
export const DEPLOYMENTS_JOINS_MIGRATION: Migration = {
  id: 'deployer-edges-007-deployments-joins',
  sql: `ALTER TABLE deployer_deployments ADD COLUMN joins text`,
};

export const DEPLOYMENT_TABLES = ['deployer_deployments', 'deployer_rollout_events'] as const;
