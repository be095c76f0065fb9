import { EntityManager } from 'typeorm';
import { CheckResult, NotFoundError, ReportSummary } from '@ledger/contracts';

type On = Pick<EntityManager, 'query'>;

export interface RunView {
  runId: string;
  model: string;
  modelId: string;
  version: number;
  /** running, then passed or failed; a dry run ends `completed` (no verdict). */
  status: 'running' | 'passed' | 'failed' | 'completed';
  dryRun: boolean;
  policyVersion: number;
  trigger: { kind: string; id: string };
  progress: { done: number; total: number };
  baselines: { ref: string; version: number | null }[];
  checks: { id: string; kind: string; blocking: boolean }[];
  report: { results: CheckResult[]; summary: ReportSummary | null };
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

const SELECT_RUNS = `SELECT run_id AS "runId", model_name AS model, model_id AS "modelId", version, status,
  dry_run AS "dryRun", policy_version AS "policyVersion", trigger_kind, trigger_id, checks, baselines, results,
  summary, started_at AS "startedAt", finished_at AS "finishedAt" FROM validation_runs`;

type Row = Omit<RunView, 'trigger' | 'progress' | 'report' | 'durationMs' | 'startedAt' | 'finishedAt'> & {
  trigger_kind: string;
  trigger_id: string;
  results: CheckResult[];
  summary: ReportSummary | null;
  startedAt: Date;
  finishedAt: Date | null;
};

function view(row: Row): RunView {
  const { trigger_kind, trigger_id, results, summary, startedAt, finishedAt, ...rest } = row;
  return {
    ...rest,
    trigger: { kind: trigger_kind, id: trigger_id },
    progress: { done: results.length, total: row.checks.length },
    report: { results, summary },
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt?.toISOString() ?? null,
    durationMs: finishedAt ? finishedAt.getTime() - startedAt.getTime() : null,
  };
}

export async function getRun(on: On, runId: string): Promise<RunView> {
  const rows: Row[] = await on.query(`${SELECT_RUNS} WHERE run_id = $1`, [runId]);
  if (rows.length === 0) throw new NotFoundError(`no validation run ${runId}`);
  return view(rows[0]);
}

export interface RunFilter {
  model?: string;
  version?: number;
  limit: number;
}

/** Newest first. */
export async function listRuns(on: On, filter: RunFilter): Promise<RunView[]> {
  const rows: Row[] = await on.query(
    `${SELECT_RUNS} WHERE ($1::text IS NULL OR model_name = $1) AND ($2::int IS NULL OR version = $2)
     ORDER BY started_at DESC, run_id LIMIT $3`,
    [filter.model ?? null, filter.version ?? null, filter.limit],
  );
  return rows.map(view);
}

export interface RunStats {
  runs: number;
  running: number;
  passed: number;
  failed: number;
  dryRuns: number;
  /** passed / (passed + failed); null before any verdict. */
  passRate: number | null;
  durationMs: { mean: number | null; p50: number | null; p95: number | null; max: number | null };
}

/** The "validation reports" dashboard: runs, verdicts, pass rate and how long finished runs took. */
export async function runStats(on: On, model?: string): Promise<RunStats> {
  const [row] = await on.query(
    `WITH r AS (SELECT *, extract(epoch FROM finished_at - started_at) * 1000 AS ms FROM validation_runs
                WHERE $1::text IS NULL OR model_name = $1)
     SELECT count(*)::int AS runs, count(*) FILTER (WHERE status = 'running')::int AS running,
       count(*) FILTER (WHERE status = 'passed')::int AS passed, count(*) FILTER (WHERE status = 'failed')::int AS failed,
       count(*) FILTER (WHERE dry_run)::int AS "dryRuns",
       avg(ms)::float AS mean, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::float AS p50,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::float AS p95, max(ms)::float AS max FROM r`,
    [model ?? null],
  );
  const verdicts = row.passed + row.failed;
  return {
    runs: row.runs,
    running: row.running,
    passed: row.passed,
    failed: row.failed,
    dryRuns: row.dryRuns,
    passRate: verdicts === 0 ? null : row.passed / verdicts,
    durationMs: { mean: row.mean, p50: row.p50, p95: row.p95, max: row.max },
  };
}
