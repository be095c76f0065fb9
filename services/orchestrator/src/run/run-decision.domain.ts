import type { PipelineStep } from '@ledger/contracts';
import { cancel, publish, send } from '@ledger/contracts';
import type { RunEvent, RunOutput, RunSend } from './run-messages';
import { evolveRun, RunState, subjectOf } from './run-state.domain';

/** Which run a decision is about and when it is made: what every output of it needs. */
export interface Decision {
  runId: string;
  now: string;
}

/** The state after some outputs, as the runner will fold them: decisions chain on it. */
export const after = (state: RunState, outputs: RunOutput[]): RunState => outputs.reduce(evolveRun, state);

type DataOf<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>['data'];
type RunKeys = 'runId' | 'name' | 'version';

/** An event of the run: its run, model and version are filled in. */
export function event<T extends RunEvent['type']>(
  d: Decision,
  state: RunState,
  type: T,
  data: Omit<DataOf<T>, RunKeys>,
): RunOutput {
  const { name, version } = subjectOf(state);
  return publish({ type, data: { runId: d.runId, name, version, ...data } } as unknown as RunEvent);
}

export const command = <T extends RunSend['type']>(type: T, data: Extract<RunSend, { type: T }>['data']): RunOutput =>
  send({ type, data } as RunSend);

export const stepOf = (state: RunState, stepId: string): PipelineStep | undefined =>
  state.steps.find((s) => s.id === stepId);

export const later = (now: string, ms: number): string => new Date(Date.parse(now) + ms).toISOString();

export const durationOf = (d: Decision, state: RunState): number =>
  Math.max(0, Date.parse(d.now) - Date.parse(state.start!.startedAt));

/** Cancels the pending timers of one step (or, without a step, of the whole run). */
export function stopTimers(state: RunState, stepId?: string): RunOutput[] {
  const mine = stepId === undefined ? state.timers : state.timers.filter((t) => t.split(':')[1] === stepId);
  return mine.map((id) => cancel(id));
}
