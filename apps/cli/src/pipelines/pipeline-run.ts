import type { Colours } from '../printing/colours';
import { statusColour } from '../printing/colours';
import { Cell, fields, table } from '../printing/output';

// The orchestrator's run views, read loosely: its routes are new, so the CLI shows the fields it
// knows and passes the whole answer through in JSON/YAML.
export interface RunSummary {
  runId: string;
  model?: string;
  name?: string;
  version?: number;
  status?: string;
  pipeline?: string;
  startedAt?: string;
  updatedAt?: string;
  steps?: StepView[];
}

export interface StepView {
  stepId?: string;
  id?: string;
  kind?: string;
  status?: string;
  attempts?: number;
  reason?: string | null;
  message?: string | null;
}

export const runPath = (runId: string): string => `/api/v1/runs/${encodeURIComponent(runId)}`;

/** `{ runs: [...] }` or a bare list: whichever the orchestrator answers. */
export function runsOf(answer: unknown): RunSummary[] {
  if (Array.isArray(answer)) return answer as RunSummary[];
  const runs = (answer as { runs?: unknown })?.runs;
  return Array.isArray(runs) ? (runs as RunSummary[]) : [];
}

export function runsTable(colours: Colours, runs: RunSummary[]): string {
  if (runs.length === 0) return 'No pipeline runs.';
  return table(
    colours,
    ['Run', 'Model', 'Version', 'Status', 'Started'],
    runs.map((r) => [r.runId, r.model ?? r.name, r.version, r.status && statusColour(colours, r.status), r.startedAt]),
  );
}

export function runDetails(colours: Colours, run: RunSummary): string {
  const head = fields(colours, [
    ['Run', run.runId],
    ['Model', run.model ?? run.name],
    ['Version', run.version],
    ['Pipeline', run.pipeline],
    ['Status', run.status && statusColour(colours, run.status)],
    ['Started', run.startedAt],
  ]);
  const steps = run.steps ?? [];
  if (steps.length === 0) return head;
  const rows: Cell[][] = steps.map((s) => [
    s.stepId ?? s.id,
    s.kind,
    s.status && statusColour(colours, s.status),
    s.attempts,
    s.reason ?? s.message,
  ]);
  return `${head}\n${table(colours, ['Step', 'Kind', 'Status', 'Attempts', 'Note'], rows)}`;
}
