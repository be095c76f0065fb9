import { EntityManager } from 'typeorm';
import { orchestratorEvents } from '@ledger/contracts';
import { catalogProjection, StoredEvent } from '@ledger/eventstore';
import { occurredAt } from '../../pipeline/getting-pipelines/pipelines.projection';
import { RUN_TABLES } from './runs.tables';

const correlationOf = (event: StoredEvent): string | null =>
  (event.metadata as { correlationId?: string }).correlationId ?? null;

/** Sets columns of one step; $1 is its run, $2 its id, $3 the event's time, the rest follow. */
const setStep = (tx: EntityManager, e: StoredEvent, step: string, assignments: string, values: unknown[] = []) =>
  tx.query(`UPDATE pipeline_run_steps SET ${assignments} WHERE run_id = $1 AND step_id = $2`, [
    e.data.runId,
    step,
    occurredAt(e),
    ...values,
  ]);

/** Sets columns of one run; $1 is its id, $2 the event's time, the rest follow. */
const setRun = (tx: EntityManager, e: StoredEvent, assignments: string, values: unknown[] = []) =>
  tx.query(`UPDATE pipeline_runs SET ${assignments} WHERE run_id = $1`, [e.data.runId, occurredAt(e), ...values]);

/** A running run whose running steps are all approval gates waits for people; otherwise it runs. */
const refreshActivity = (tx: EntityManager, e: StoredEvent) =>
  tx.query(
    `UPDATE pipeline_runs r SET status = CASE
       WHEN EXISTS (SELECT 1 FROM pipeline_run_steps s WHERE s.run_id = r.run_id AND s.status = 'running')
        AND NOT EXISTS (SELECT 1 FROM pipeline_run_steps s
                        WHERE s.run_id = r.run_id AND s.status = 'running' AND s.type <> 'approval')
       THEN 'waiting' ELSE 'running' END
     WHERE r.run_id = $1 AND r.status IN ('running', 'waiting')`,
    [e.data.runId],
  );

const ended = (status: string) => `status = '${status}', ended_at = $2, duration_ms = $3`;

/** One row per run and per step, every failed attempt and approval decision, from the runs' published events. */
export const runsProjection = catalogProjection(orchestratorEvents)({
  name: 'orchestrator-runs',
  on: {
    PipelineRunQueued: (tx, e) =>
      tx.query(
        `INSERT INTO pipeline_runs (run_id, seq, name, version, trigger, status, queued_at, correlation_id)
         VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7) ON CONFLICT DO NOTHING`,
        [
          e.data.runId,
          e.globalPosition,
          e.data.name,
          e.data.version,
          JSON.stringify(e.data.trigger),
          occurredAt(e),
          correlationOf(e),
        ],
      ),
    PipelineRunStarted: async (tx, e) => {
      const d = e.data;
      await tx.query(
        `INSERT INTO pipeline_runs (run_id, seq, name, version, model_id, pipeline_scope, pipeline_version, trigger,
           parameters, status, started_at, correlation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'running', $10, $11)
         ON CONFLICT (run_id) DO UPDATE SET model_id = EXCLUDED.model_id, pipeline_scope = EXCLUDED.pipeline_scope,
           pipeline_version = EXCLUDED.pipeline_version, parameters = EXCLUDED.parameters, status = 'running',
           started_at = EXCLUDED.started_at
         WHERE pipeline_runs.status = 'queued'`,
        [
          d.runId,
          e.globalPosition,
          d.name,
          d.version,
          d.modelId,
          d.pipeline.model,
          d.pipeline.pipelineVersion,
          JSON.stringify(d.trigger),
          JSON.stringify(d.parameters),
          occurredAt(e),
          correlationOf(e),
        ],
      );
      await tx.query(
        `INSERT INTO pipeline_run_steps (run_id, step_id, position, type, status)
         SELECT $1, s.id, s.n - 1, s.type, 'pending' FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS s(id, type, n)
         ON CONFLICT DO NOTHING`,
        [d.runId, d.steps.map((s) => s.id), d.steps.map((s) => s.type)],
      );
    },
    PipelineStepStarted: async (tx, e) => {
      await setStep(
        tx,
        e,
        e.data.stepId,
        `status = 'running', attempts = greatest(attempts, $4), command_id = $5, started_at = $3, ended_at = NULL, retry_at = NULL`,
        [e.data.attempt, e.data.commandId],
      );
      // A retried step of a failed run: the run goes on, its failure no longer its outcome.
      await tx.query(
        `UPDATE pipeline_runs SET status = 'running', ended_at = NULL, duration_ms = NULL, failed_step = NULL, reason = NULL
         WHERE run_id = $1 AND status = 'failed'`,
        [e.data.runId],
      );
      await refreshActivity(tx, e);
    },
    PipelineStepSucceeded: async (tx, e) => {
      await setStep(tx, e, e.data.stepId, `status = 'succeeded', attempts = greatest(attempts, $4), ended_at = $3`, [
        e.data.attempt,
      ]);
      await refreshActivity(tx, e);
    },
    PipelineStepFailed: async (tx, e) => {
      const d = e.data;
      await setStep(
        tx,
        e,
        d.stepId,
        `status = 'failed', attempts = greatest(attempts, $4), last_reason = $5, retry_at = $6, ended_at = $3`,
        [d.attempt, d.reason, d.retryAt],
      );
      await tx.query(
        `INSERT INTO pipeline_run_step_failures (position, run_id, step_id, attempt, reason, timed_out, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [e.globalPosition, d.runId, d.stepId, d.attempt, d.reason, d.timedOut, occurredAt(e)],
      );
      await refreshActivity(tx, e);
    },
    PipelineStepSkipped: async (tx, e) => {
      await setStep(tx, e, e.data.stepId, `status = 'skipped', last_reason = $4, retry_at = NULL, ended_at = $3`, [
        e.data.reason,
      ]);
      await refreshActivity(tx, e);
    },
    PipelineApprovalRecorded: (tx, e) => {
      const d = e.data;
      return tx.query(
        `INSERT INTO pipeline_run_approvals (position, run_id, step_id, decision, actor, comment, approvals, required, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [
          e.globalPosition,
          d.runId,
          d.stepId,
          d.decision,
          JSON.stringify(d.actor),
          d.comment,
          d.approvals,
          d.required,
          occurredAt(e),
        ],
      );
    },
    PipelineStepCompensated: (tx, e) =>
      tx.query(`UPDATE pipeline_run_steps SET compensation = $3 WHERE run_id = $1 AND step_id = $2`, [
        e.data.runId,
        e.data.stepId,
        e.data.action,
      ]),
    PipelineRunSucceeded: (tx, e) => setRun(tx, e, ended('succeeded'), [e.data.durationMs]),
    PipelineRunFailed: (tx, e) =>
      setRun(tx, e, `${ended('failed')}, failed_step = $4, reason = $5`, [
        e.data.durationMs,
        e.data.stepId,
        e.data.reason,
      ]),
    PipelineRunCancelled: (tx, e) =>
      setRun(tx, e, `${ended('cancelled')}, reason = $4, superseded_by = $5`, [
        e.data.durationMs,
        e.data.reason,
        e.data.supersededBy,
      ]),
  },
  reset: async (tx) => {
    for (const table of RUN_TABLES) await tx.query(`DELETE FROM ${table}`);
  },
});
