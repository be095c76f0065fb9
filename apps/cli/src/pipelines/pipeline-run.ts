import type { Colours } from '../printing/colours';
import { statusColour } from '../printing/colours';
import { Cell, fields, table } from '../printing/output';

/** A run as GET /api/v1/runs lists it (the orchestrator's RunView). */
export interface RunSummary {
  runId: string;
  name: string;
  version: number;
  status: string;
  pipeline: { model: string; pipelineVersion: number } | null;
  trigger: { kind: string; by: string | null };
  startedAt: string | null;
  endedAt: string | null;
  failedStep: string | null;
  reason: string | null;
}

export interface StepView {
  stepId: string;
  type: string;
  status: string;
  attempts: number;
  lastReason: string | null;
  approvals: { decision: string; actor: { id: string } }[];
}

/** GET /api/v1/runs/{runId}: the run (null while its read model catches up), its steps, what it ignored. */
export interface RunDetail {
  run: RunSummary | null;
  steps: StepView[];
  ignored: { type: string; reason: string }[];
}

/** What a person's action on a run answers. */
export interface SteerAnswer {
  runId: string;
  duplicate: boolean;
  ignored: string | null;
}

export const runPath = (runId: string): string => `/api/v1/runs/${encodeURIComponent(runId)}`;

const pipelineOf = (run: RunSummary) => (run.pipeline ? `${run.pipeline.model} v${run.pipeline.pipelineVersion}` : '');

export function runsTable(colours: Colours, runs: RunSummary[]): string {
  if (runs.length === 0) return 'No pipeline runs.';
  return table(
    colours,
    ['Run', 'Model', 'Version', 'Status', 'Trigger', 'Started', 'Failed step'],
    runs.map((r) => [
      r.runId,
      r.name,
      r.version,
      statusColour(colours, r.status),
      r.trigger.kind,
      r.startedAt,
      r.failedStep,
    ]),
  );
}

export function runDetails(colours: Colours, detail: RunDetail, runId: string): string {
  const run = detail.run;
  const head = run
    ? fields(colours, [
        ['Run', run.runId],
        ['Model', run.name],
        ['Version', run.version],
        ['Pipeline', pipelineOf(run)],
        ['Trigger', `${run.trigger.kind}${run.trigger.by ? ` by ${run.trigger.by}` : ''}`],
        ['Status', statusColour(colours, run.status)],
        ['Started', run.startedAt],
        ['Ended', run.endedAt],
        ['Reason', run.reason],
      ])
    : fields(colours, [['Run', `${runId} (not in the read model yet)`]]);
  const rows: Cell[][] = detail.steps.map((s) => [
    s.stepId,
    s.type,
    statusColour(colours, s.status),
    s.attempts,
    s.approvals.length > 0 ? s.approvals.map((a) => `${a.decision} by ${a.actor.id}`).join(', ') : s.lastReason,
  ]);
  const steps = rows.length > 0 ? `\n${table(colours, ['Step', 'Type', 'Status', 'Attempts', 'Note'], rows)}` : '';
  const ignored = detail.ignored.map((i) => `ignored ${i.type}: ${i.reason}`).join('\n');
  return `${head}${steps}${ignored ? `\n${ignored}` : ''}`;
}

/** A person's action, as a line: accepted, or what the run did not act on. */
export const steered = (action: string, answer: SteerAnswer): string =>
  answer.ignored
    ? `${action}: the run did not act on it (${answer.ignored})`
    : `${action} accepted${answer.duplicate ? ' (already done)' : ''}`;
