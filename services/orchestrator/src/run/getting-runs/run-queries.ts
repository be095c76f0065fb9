import { NotFoundError, ValidationError } from '@ledger/contracts';
import type { Queryable } from '@ledger/eventstore';
import { runStreamId } from '../run-messages';
import { ignoredInputs, RunRecord } from './run-history.domain';

export type RunStatus = 'queued' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

export interface RunView {
  runId: string;
  name: string;
  version: number;
  modelId: string | null;
  pipeline: { model: string; pipelineVersion: number } | null;
  trigger: { kind: string; id: string; by: string | null };
  parameters: Record<string, unknown>;
  status: RunStatus;
  queuedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  failedStep: string | null;
  reason: string | null;
  supersededBy: string | null;
  correlationId: string | null;
}

export interface RunFilter {
  model?: string;
  version?: number;
  status?: RunStatus;
  limit: number;
  pageToken?: string;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

type RunRow = Omit<RunView, 'pipeline' | 'durationMs'> & {
  seq: string;
  scope: string | null;
  pipelineVersion: number | null;
  durationMs: string | null;
};
const SELECT_RUN = `SELECT run_id AS "runId", seq, name, version, model_id AS "modelId", pipeline_scope AS scope,
    pipeline_version AS "pipelineVersion", trigger, parameters, status, queued_at AS "queuedAt",
    started_at AS "startedAt", ended_at AS "endedAt", duration_ms AS "durationMs", failed_step AS "failedStep", reason,
    superseded_by AS "supersededBy", correlation_id AS "correlationId"
  FROM pipeline_runs`;

const asRun = ({ seq: _seq, scope, pipelineVersion, ...row }: RunRow): RunView => ({
  ...row,
  pipeline: scope === null ? null : { model: scope, pipelineVersion: pipelineVersion as number },
  queuedAt: iso(row.queuedAt),
  startedAt: iso(row.startedAt),
  endedAt: iso(row.endedAt),
  durationMs: row.durationMs === null ? null : Number(row.durationMs),
});

// The token is where the last page ended in the log: opaque to clients, stable under new runs.
const tokenOf = (seq: string) => Buffer.from(`seq:${seq}`).toString('base64url');
function seqOf(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!/^seq:\d{1,19}$/.test(text)) throw new ValidationError('pageToken: is not a token a previous page gave');
  return text.slice(4);
}

/** Runs, newest first, filtered by model, version and status, a page at a time. */
export async function listRuns(
  on: Queryable,
  filter: RunFilter,
): Promise<{ runs: RunView[]; nextPageToken: string | null }> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    values.push(value);
    where.push(clause.replace('?', `$${values.length}`));
  };
  if (filter.model !== undefined) add('name = ?', filter.model);
  if (filter.version !== undefined) add('version = ?', filter.version);
  if (filter.status !== undefined) add('status = ?', filter.status);
  if (filter.pageToken !== undefined) add('seq < ?', seqOf(filter.pageToken));
  values.push(filter.limit + 1);
  const rows: RunRow[] = await on.query(
    `${SELECT_RUN} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${values.length}`,
    values,
  );
  const page = rows.slice(0, filter.limit);
  return { runs: page.map(asRun), nextPageToken: rows.length > filter.limit ? tokenOf(page.at(-1)!.seq) : null };
}

export interface StepView {
  stepId: string;
  type: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  attempts: number;
  commandId: string | null;
  lastReason: string | null;
  retryAt: string | null;
  compensation: string | null;
  approvals: { decision: string; actor: { id: string; kind: string }; comment: string | null; at: string }[];
  startedAt: string | null;
  endedAt: string | null;
}

async function stepsOf(on: Queryable, runId: string): Promise<StepView[]> {
  const rows: (StepView & { approvals: StepView['approvals'] | null })[] = await on.query(
    `SELECT s.step_id AS "stepId", s.type, s.status, s.attempts, s.command_id AS "commandId",
       s.last_reason AS "lastReason", s.retry_at AS "retryAt", s.compensation, s.started_at AS "startedAt",
       s.ended_at AS "endedAt",
       (SELECT jsonb_agg(jsonb_build_object('decision', a.decision, 'actor', a.actor, 'comment', a.comment, 'at', a.at)
                         ORDER BY a.position)
          FROM pipeline_run_approvals a WHERE a.run_id = s.run_id AND a.step_id = s.step_id) AS approvals
     FROM pipeline_run_steps s WHERE s.run_id = $1 ORDER BY s.position`,
    [runId],
  );
  return rows.map((row) => ({
    ...row,
    retryAt: iso(row.retryAt),
    startedAt: iso(row.startedAt),
    endedAt: iso(row.endedAt),
    approvals: (row.approvals ?? []).map((a) => ({ ...a, at: iso(a.at) as string })),
  }));
}

type RecordMetadata = {
  workflow?: string;
  occurredAt: string;
  actor?: { id: string; kind: string };
  correlationId?: string;
  causationId?: string | null;
  commandId?: string;
  input?: { commandId?: string };
};
type EventRow = { position: string; type: string; data: Record<string, unknown>; metadata: RecordMetadata };

/** Every record of the run's stream, in order, with the role the workflow gave it. */
async function recordsOf(on: Queryable, runId: string): Promise<RunRecord[]> {
  const rows: EventRow[] = await on.query(
    `SELECT stream_position AS position, event_type AS type, data, metadata FROM events WHERE stream_id = $1
     ORDER BY stream_position`,
    [runStreamId(runId)],
  );
  return rows.map(({ position, type, data, metadata: m }) => ({
    position: Number(position),
    type,
    role: String(m.workflow ?? 'publish'),
    data,
    occurredAt: m.occurredAt,
    actor: m.actor ?? null,
    correlationId: m.correlationId ?? null,
    causationId: m.causationId ?? null,
    commandId: m.input?.commandId ?? m.commandId ?? null,
  }));
}

/**
 * One run: its row and steps (null while the read model has not caught up), and its history
 * straight from its stream — every record, and the inputs it ignored with why. 404 for neither.
 */
export async function runWithHistory(on: Queryable, runId: string) {
  const [rows, history] = await Promise.all([
    on.query(`${SELECT_RUN} WHERE run_id = $1`, [runId]) as Promise<RunRow[]>,
    recordsOf(on, runId),
  ]);
  if (!rows[0] && history.length === 0) throw new NotFoundError(`no pipeline run "${runId}"`, { runId });
  return {
    run: rows[0] ? asRun(rows[0]) : null,
    steps: rows[0] ? await stepsOf(on, runId) : [],
    history,
    ignored: ignoredInputs(history),
  };
}
