import type { Queryable } from '@ledger/eventstore';

export interface PipelineMetrics {
  runsByStatus: Record<string, number>;
  /** Over ended runs, per pipeline scope (`*` for the default and the built-in). */
  durations: { pipeline: string; runs: number; p50Ms: number; p95Ms: number; maxMs: number }[];
  /** Failed attempts, per step id and type, most first. */
  stepFailures: { stepId: string; type: string; failures: number; timedOut: number }[];
  /** Approval gates waiting for a person now. */
  approvalsWaiting: number;
}

const STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/** The pipeline dashboard: runs by status, durations per pipeline, where steps fail, gates waiting. */
export async function pipelineMetrics(on: Queryable): Promise<PipelineMetrics> {
  const [byStatus, durations, failures, waiting] = await Promise.all([
    on.query(`SELECT status, count(*)::int AS n FROM pipeline_runs GROUP BY status`) as Promise<
      { status: string; n: number }[]
    >,
    on.query(
      `SELECT coalesce(pipeline_scope, '*') AS pipeline, count(*)::int AS runs,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms)::float8 AS "p50Ms",
         percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms)::float8 AS "p95Ms",
         max(duration_ms)::float8 AS "maxMs"
       FROM pipeline_runs WHERE duration_ms IS NOT NULL GROUP BY 1 ORDER BY 1`,
    ) as Promise<PipelineMetrics['durations']>,
    on.query(
      `SELECT f.step_id AS "stepId", coalesce(s.type, 'unknown') AS type, count(*)::int AS failures,
         count(*) FILTER (WHERE f.timed_out)::int AS "timedOut"
       FROM pipeline_run_step_failures f
       LEFT JOIN pipeline_run_steps s ON s.run_id = f.run_id AND s.step_id = f.step_id
       GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
    ) as Promise<PipelineMetrics['stepFailures']>,
    on.query(
      `SELECT count(*)::int AS n FROM pipeline_run_steps s JOIN pipeline_runs r USING (run_id)
       WHERE s.type = 'approval' AND s.status = 'running' AND r.status IN ('running', 'waiting')`,
    ) as Promise<{ n: number }[]>,
  ]);
  const counted = new Map(byStatus.map((row) => [row.status, row.n]));
  return {
    runsByStatus: Object.fromEntries(STATUSES.map((status) => [status, counted.get(status) ?? 0])),
    durations,
    stepFailures: failures,
    approvalsWaiting: waiting[0]?.n ?? 0,
  };
}
