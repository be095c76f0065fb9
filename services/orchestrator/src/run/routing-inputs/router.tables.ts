import { Migration } from '@ledger/eventstore';

/**
 * The router's own tables, all projected from the orchestrator's log: the runs it started or
 * heard of with their slot (queued, running, ended), every verdict per version, and which run's
 * command asked for which rollout.
 */
export const ROUTER_MIGRATION: Migration = {
  id: 'orchestrator-routing-001',
  sql: `CREATE TABLE router_runs (
    run_id         text PRIMARY KEY,
    name           text NOT NULL,
    model_id       uuid,
    version        int NOT NULL,
    scope          text NOT NULL,
    correlation_id text NOT NULL,
    status         text NOT NULL CHECK (status IN ('queued', 'running', 'ended')),
    seq            bigint GENERATED ALWAYS AS IDENTITY
  );
  CREATE INDEX router_runs_active ON router_runs (name, status, seq) WHERE status <> 'ended';
  CREATE TABLE router_verdicts (
    validation_run_id text PRIMARY KEY,
    model_id          uuid NOT NULL,
    version           int NOT NULL,
    trigger           jsonb NOT NULL,
    failed_checks     jsonb NOT NULL DEFAULT '[]',
    passed            boolean,
    decided_seq       bigint
  );
  CREATE INDEX router_verdicts_by_version ON router_verdicts (model_id, version);
  CREATE SEQUENCE router_verdicts_decided;
  CREATE TABLE router_deployments (
    deployment_id text PRIMARY KEY,
    run_id        text NOT NULL,
    command_id    text NOT NULL
  );`,
};

/** A failed run keeps its own slot status: a person's retry reopens it (see run-slots.ts). */
export const ROUTER_FAILED_SLOTS_MIGRATION: Migration = {
  id: 'orchestrator-routing-002-failed-slots',
  sql: `ALTER TABLE router_runs DROP CONSTRAINT router_runs_status_check,
    ADD CONSTRAINT router_runs_status_check CHECK (status IN ('queued', 'running', 'failed', 'ended'));
  DROP INDEX router_runs_active;
  CREATE INDEX router_runs_active ON router_runs (name, status, seq) WHERE status IN ('queued', 'running');`,
};

/** The set-alias steps waiting for their alias to name their version (see alias-waits.ts). */
export const ROUTER_ALIAS_WAITS_MIGRATION: Migration = {
  id: 'orchestrator-routing-003-alias-waits',
  sql: `CREATE TABLE router_alias_waits (
    run_id     text NOT NULL,
    step_id    text NOT NULL,
    model_id   uuid NOT NULL,
    alias      text NOT NULL,
    version    int NOT NULL,
    command_id text NOT NULL,
    PRIMARY KEY (run_id, step_id)
  );
  CREATE INDEX router_alias_waits_by_alias ON router_alias_waits (model_id, alias, version);`,
};

export const ROUTER_TABLES = ['router_runs', 'router_verdicts', 'router_deployments', 'router_alias_waits'] as const;
