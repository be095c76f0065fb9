import type { Colours } from '../printing/colours';
import { statusColour } from '../printing/colours';
import { fields, table } from '../printing/output';

/** A validation run as the validator answers GET /api/v1/validations/{runId}. */
export interface RunView {
  runId: string;
  model: string;
  version: number;
  status: string;
  dryRun: boolean;
  policyVersion: number;
  progress: { done: number; total: number };
  report: {
    results: { id: string; kind: string; blocking: boolean; outcome: string; message: string }[];
    summary: { total: number; passed: number; failed: number };
  } | null;
  startedAt: string;
  finishedAt: string | null;
}

export const runFinished = (run: RunView): boolean => run.status !== 'running';

export function runReport(colours: Colours, run: RunView): string {
  const head = fields(colours, [
    ['Run', run.runId],
    ['Model', `${run.model} v${run.version}`],
    ['Verdict', statusColour(colours, run.dryRun ? `${run.status} (dry run)` : run.status)],
    ['Policy version', run.policyVersion],
    ['Checks', `${run.progress.done}/${run.progress.total}`],
    ['Started', run.startedAt],
    ['Finished', run.finishedAt],
  ]);
  const results = run.report?.results ?? [];
  if (results.length === 0) return head;
  const rows = results.map((r) => [
    r.id,
    r.kind,
    r.blocking ? 'blocking' : 'warning',
    statusColour(colours, r.outcome),
    r.message,
  ]);
  return `${head}\n${table(colours, ['Check', 'Kind', 'Effect', 'Outcome', 'Message'], rows)}`;
}
