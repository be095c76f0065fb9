import { EntityManager } from 'typeorm';
import { CheckResult, validatorEvents } from '@ledger/contracts';
import { announceAppend, catalogProjection, Migration, StoredEvent } from '@ledger/eventstore';
import { summarize } from '../run-report.domain';

export const VALIDATION_RUNS_MIGRATION: Migration = {
  id: 'validator-004-validation-runs',
  sql: `CREATE TABLE validation_runs (
    run_id         uuid PRIMARY KEY,
    model_id       uuid NOT NULL,
    model_name     text NOT NULL,
    version        int NOT NULL,
    policy_version int NOT NULL,
    dry_run        boolean NOT NULL,
    trigger_kind   text NOT NULL,
    trigger_id     text NOT NULL,
    status         text NOT NULL,
    checks         jsonb NOT NULL,
    baselines      jsonb NOT NULL,
    results        jsonb NOT NULL DEFAULT '[]',
    summary        jsonb,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz
  );
  CREATE INDEX validation_runs_by_version ON validation_runs (model_name, version, started_at);
  CREATE INDEX validation_runs_by_start ON validation_runs (started_at);`,
};

const occurredAt = (event: Pick<StoredEvent, 'metadata' | 'createdAt'>) =>
  (event.metadata as { occurredAt?: string }).occurredAt ?? event.createdAt;

async function finishDryRun(tx: EntityManager, runId: string, at: unknown): Promise<void> {
  const [row] = await tx.query(`SELECT results FROM validation_runs WHERE run_id = $1`, [runId]);
  const summary = summarize(row.results as CheckResult[]);
  await tx.query(`UPDATE validation_runs SET status = 'completed', summary = $2, finished_at = $3 WHERE run_id = $1`, [
    runId,
    JSON.stringify(summary),
    at,
  ]);
}

/**
 * Runs started by the registry-knowledge projection are committed by the projection runner, which
 * announces nothing. This projection reads only committed events: when it sees a ValidationStarted,
 * the run's first EvaluateCheck is committed too, and the check judge woken now finds it at once
 * (its own poll stays slow, so that a dead database is not knocked at many times a second).
 */
const wakeTheJudge = (tx: EntityManager) => announceAppend(tx.connection);

/** One row per run: its progress, the policy version it used, its report and verdict. */
export const validationRuns = catalogProjection(validatorEvents)({
  name: 'validation-runs',
  on: {
    ValidationStarted: async (tx, e) => {
      wakeTheJudge(tx);
      await tx.query(
        `INSERT INTO validation_runs (run_id, model_id, model_name, version, policy_version, dry_run, trigger_kind,
           trigger_id, status, checks, baselines, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'running', $9, $10, $11) ON CONFLICT DO NOTHING`,
        [
          e.data.runId,
          e.data.modelId,
          e.data.name,
          e.data.version,
          e.data.policyVersion,
          e.data.dryRun,
          e.data.trigger.kind,
          e.data.trigger.id,
          JSON.stringify(e.data.checks),
          JSON.stringify(e.data.baselines),
          occurredAt(e),
        ],
      );
    },
    ValidationCheckCompleted: async (tx, e) => {
      // By index, so a replay over rows already written appends nothing twice.
      await tx.query(
        `UPDATE validation_runs SET results = results || jsonb_build_array($2::jsonb)
         WHERE run_id = $1 AND jsonb_array_length(results) = $3`,
        [e.data.runId, JSON.stringify(e.data.result), e.data.index],
      );
      if (e.data.dryRun && e.data.index + 1 === e.data.total) await finishDryRun(tx, e.data.runId, occurredAt(e));
    },
    ValidationPassed: (tx, e) => verdict(tx, e, 'passed'),
    ValidationFailed: (tx, e) => verdict(tx, e, 'failed'),
  },
  reset: (tx) => tx.query(`DELETE FROM validation_runs`),
});

function verdict(
  tx: EntityManager,
  e: StoredEvent & { data: { runId: string; summary: unknown } },
  status: 'passed' | 'failed',
): Promise<unknown> {
  return tx.query(`UPDATE validation_runs SET status = $2, summary = $3, finished_at = $4 WHERE run_id = $1`, [
    e.data.runId,
    status,
    JSON.stringify(e.data.summary),
    occurredAt(e),
  ]);
}
