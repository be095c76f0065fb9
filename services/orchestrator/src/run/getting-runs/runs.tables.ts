import { Migration } from '@ledger/eventstore';

/**
 * Runs as read models: one row per run (its status and outcome), one per step of it (its status,
 * attempts, last reason), and, keyed by the log position of the event that recorded each, every
 * failed attempt and every approval decision: a rebuild or a replayed event writes each once.
 */
export const RUNS_MIGRATION: Migration = {
  id: 'orchestrator-runs-001',
  sql: `CREATE TABLE pipeline_runs (
    run_id           text PRIMARY KEY,
    seq              bigint NOT NULL,
    name             text NOT NULL,
    version          int NOT NULL,
    model_id         text,
    pipeline_scope   text,
    pipeline_version int,
    trigger          jsonb NOT NULL,
    parameters       jsonb NOT NULL DEFAULT '{}',
    status           text NOT NULL,
    queued_at        timestamptz,
    started_at       timestamptz,
    ended_at         timestamptz,
    duration_ms      bigint,
    failed_step      text,
    reason           text,
    superseded_by    text,
    correlation_id   text
  );
  CREATE INDEX pipeline_runs_by_model ON pipeline_runs (name, version, seq DESC);
  CREATE INDEX pipeline_runs_by_status ON pipeline_runs (status, seq DESC);
  CREATE TABLE pipeline_run_steps (
    run_id       text NOT NULL,
    step_id      text NOT NULL,
    position     int NOT NULL,
    type         text NOT NULL,
    status       text NOT NULL,
    attempts     int NOT NULL DEFAULT 0,
    command_id   text,
    last_reason  text,
    retry_at     timestamptz,
    compensation text,
    started_at   timestamptz,
    ended_at     timestamptz,
    PRIMARY KEY (run_id, step_id)
  );
  CREATE TABLE pipeline_run_step_failures (
    position  bigint PRIMARY KEY,
    run_id    text NOT NULL,
    step_id   text NOT NULL,
    attempt   int NOT NULL,
    reason    text NOT NULL,
    timed_out boolean NOT NULL,
    at        timestamptz NOT NULL
  );
  CREATE TABLE pipeline_run_approvals (
    position  bigint PRIMARY KEY,
    run_id    text NOT NULL,
    step_id   text NOT NULL,
    decision  text NOT NULL,
    actor     jsonb NOT NULL,
    comment   text,
    approvals int NOT NULL,
    required  int NOT NULL,
    at        timestamptz NOT NULL
  );
  CREATE INDEX pipeline_run_approvals_by_step ON pipeline_run_approvals (run_id, step_id, position);`,
};

export const RUN_TABLES = [
  'pipeline_runs',
  'pipeline_run_steps',
  'pipeline_run_step_failures',
  'pipeline_run_approvals',
] as const;
