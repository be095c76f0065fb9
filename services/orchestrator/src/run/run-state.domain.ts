import type { PipelineStep, PipelineStepType } from '@ledger/contracts';
import type { RunEvent, RunInput, RunRecord, RunSubject, StartRun, Verdict } from './run-messages';

export type RunStatus = 'unknown' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type StepStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';

/** One step of a run: its latest attempt (0: never started) and what that attempt waits on. */
export interface StepRun {
  status: StepStatus;
  attempt: number;
  /** The command the current attempt sent (null: it sends none). */
  commandId: string | null;
  /** Distinct approvers of the current attempt (approval gates). */
  approvals: string[];
  /** A failed attempt's next one is due then; null: no retry is pending. */
  retryAt: string | null;
  reason: string | null;
}

/** What the run was started with: kept while a queued run waits, and for compensation and durations. */
export type RunStart = StartRun['data'] & { startedAt: string };

/** A succeeded step, in the order they succeeded: what a compensation undoes, last first. */
export interface DoneStep {
  stepId: string;
  type: PipelineStepType;
  detail: Record<string, unknown>;
}

export interface RunState {
  status: RunStatus;
  start: RunStart | null;
  /** The steps the run follows (placeholders filled), from PipelineRunStarted. */
  steps: PipelineStep[];
  stepRuns: Record<string, StepRun>;
  verdicts: Verdict[];
  /** The version's stage and the model's aliases as the run knows them (its own moves included). */
  stage: string;
  aliases: Record<string, number>;
  /** The verdict a validate step of this run took (null: none yet). */
  verdict: 'passed' | 'failed' | null;
  done: DoneStep[];
  /** The run's timers still pending (ids `<kind>:<stepId>:<attempt>`). */
  timers: string[];
  compensated: boolean;
}

export const initialRunState = (): RunState => ({
  status: 'unknown',
  start: null,
  steps: [],
  stepRuns: {},
  verdicts: [],
  stage: 'None',
  aliases: {},
  verdict: null,
  done: [],
  timers: [],
  compensated: false,
});

export const ENDED: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];
export const hasEnded = (state: RunState): boolean => ENDED.includes(state.status);

/** The run's subject; only called once the run is known. */
export const subjectOf = (state: RunState): RunSubject => state.start!.subject;

const pendingStep = (): StepRun => ({
  status: 'pending',
  attempt: 0,
  commandId: null,
  approvals: [],
  retryAt: null,
  reason: null,
});

const withStep = (state: RunState, stepId: string, change: (step: StepRun) => Partial<StepRun>): RunState => {
  const step = state.stepRuns[stepId] ?? pendingStep();
  return { ...state, stepRuns: { ...state.stepRuns, [stepId]: { ...step, ...change(step) } } };
};

function succeeded(state: RunState, data: Extract<RunEvent, { type: 'PipelineStepSucceeded' }>['data']): RunState {
  const step = state.steps.find((s) => s.id === data.stepId);
  const next = withStep(state, data.stepId, () => ({ status: 'succeeded', retryAt: null, reason: null }));
  const done = step ? [...state.done, { stepId: step.id, type: step.type, detail: data.detail }] : state.done;
  if (step?.type === 'transition') return { ...next, done, stage: step.stage };
  if (step?.type === 'set-alias') return { ...next, done, aliases: { ...state.aliases, [step.alias]: data.version } };
  if (step?.type === 'validate') return { ...next, done, verdict: data.detail.passed ? 'passed' : 'failed' };
  return { ...next, done };
}

/** A step acting again after the run failed (a retry, a skip) makes the run run again. */
const reopened = (state: RunState): RunState => (state.status === 'failed' ? { ...state, status: 'running' } : state);

function evolvePublished(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'PipelineRunQueued':
      return { ...state, status: 'queued' };
    case 'PipelineRunStarted':
      return {
        ...state,
        status: 'running',
        steps: event.data.steps,
        stepRuns: Object.fromEntries(event.data.steps.map((s) => [s.id, pendingStep()])),
      };
    case 'PipelineStepStarted': {
      const { stepId, attempt, commandId } = event.data;
      const change = { status: 'running' as const, attempt, commandId, approvals: [], retryAt: null, reason: null };
      return withStep(reopened(state), stepId, () => change);
    }
    case 'PipelineStepSucceeded':
      return succeeded(state, event.data);
    case 'PipelineStepFailed':
      return withStep(state, event.data.stepId, () => ({
        status: 'failed',
        retryAt: event.data.retryAt,
        reason: event.data.reason,
      }));
    case 'PipelineStepSkipped': {
      const next = event.data.cause === 'manual' ? reopened(state) : state;
      return withStep(next, event.data.stepId, () => ({ status: 'skipped', retryAt: null, reason: event.data.reason }));
    }
    case 'PipelineApprovalRecorded':
      return event.data.decision === 'approved'
        ? withStep(state, event.data.stepId, (s) => ({ approvals: [...s.approvals, event.data.actor.id] }))
        : state;
    case 'PipelineStepCompensated':
      return { ...state, compensated: true };
    case 'PipelineRunSucceeded':
      return { ...state, status: 'succeeded' };
    case 'PipelineRunFailed':
      return { ...state, status: 'failed' };
    case 'PipelineRunCancelled':
      return { ...state, status: 'cancelled' };
  }
}

/** The timer a fired timer input was (the run forgets it: it is no longer pending). */
export const timerId = (kind: 'timeout' | 'retry' | 'wait', stepId: string, attempt: number): string =>
  `${kind}:${stepId}:${attempt}`;
const TIMER_KINDS = { StepTimedOut: 'timeout', RetryDue: 'retry', WaitElapsed: 'wait' } as const;

const startOf = (input: StartRun): RunStart => ({ ...input.data, startedAt: input.metadata.now });

function evolveInput(state: RunState, input: RunInput): RunState {
  switch (input.type) {
    case 'StartRun': {
      if (state.start) return state;
      const { subject, knownVerdicts } = input.data;
      return {
        ...state,
        start: startOf(input),
        verdicts: knownVerdicts,
        stage: subject.stage,
        aliases: subject.aliases,
      };
    }
    case 'VerdictReceived': {
      const { verdict } = input.data;
      const known = state.verdicts.some((v) => v.validationRunId === verdict.validationRunId);
      return known || !state.start ? state : { ...state, verdicts: [...state.verdicts, verdict] };
    }
    case 'StepTimedOut':
    case 'RetryDue':
    case 'WaitElapsed': {
      const id = timerId(TIMER_KINDS[input.type], input.data.stepId, input.data.attempt);
      return { ...state, timers: state.timers.filter((t) => t !== id) };
    }
    default:
      return state;
  }
}

/** Folds the run's stream: inputs for the facts they bring (start, verdicts, fired timers), events for the run, timers. */
export function evolveRun(state: RunState, record: RunRecord): RunState {
  switch (record.kind) {
    case 'input':
      return evolveInput(state, record.input);
    case 'publish':
      return evolvePublished(state, record.event);
    case 'schedule':
      return { ...state, timers: [...state.timers.filter((t) => t !== record.timer.id), record.timer.id] };
    case 'cancel':
      return { ...state, timers: state.timers.filter((t) => t !== record.timerId) };
    case 'send':
    case 'ignore':
      return state;
  }
}
