import { ignore, IllegalStateError } from '@ledger/contracts';
import type { CancelRun, RetryDue, RetryStep, RunOutput, SkipStep, SupersedeRun } from './run-messages';
import { Decision, durationOf, event, stepOf, stopTimers } from './run-decision.domain';
import { requireRun, requireStep, runNotTaking } from './run-guards.domain';
import { hasEnded, RunState } from './run-state.domain';
import { startAttempt } from './step-start.domain';

type Cancellation = {
  reason: string;
  by: { id: string; kind: 'user' | 'service' } | null;
  supersededBy: string | null;
};

const cancelled = (d: Decision, state: RunState, why: Cancellation): RunOutput[] => [
  ...stopTimers(state),
  event(d, state, 'PipelineRunCancelled', { ...why, durationMs: durationOf(d, state) }),
];

export function cancelRun(d: Decision, input: CancelRun, state: RunState): RunOutput[] {
  requireRun(d, state);
  if (hasEnded(state)) throw new IllegalStateError(`run ${d.runId} ${state.status}: there is nothing to cancel`);
  const { actor, reason } = input.data;
  return cancelled(d, state, {
    reason: reason ?? `cancelled by ${actor.id}`,
    by: { id: actor.id, kind: actor.kind },
    supersededBy: null,
  });
}

/** A run for a newer version of the model takes over (the pipeline's `supersede`). */
export function supersedeRun(d: Decision, input: SupersedeRun, state: RunState): RunOutput[] {
  if (state.status === 'unknown') return [ignore(`no such run: ${d.runId}`)];
  if (hasEnded(state)) return [ignore(`run ended: run ${d.runId} ${state.status} before run ${input.data.byRunId}`)];
  const { byRunId, byVersion } = input.data;
  return cancelled(d, state, {
    reason: `superseded by run ${byRunId} for version ${byVersion}`,
    by: null,
    supersededBy: byRunId,
  });
}

/** A failed step that may act again: the run has not been cancelled, succeeded or compensated. */
function failedStep(d: Decision, state: RunState, stepId: string, action: string) {
  const { step, run } = requireStep(d, state, stepId);
  if (state.status === 'cancelled' || state.status === 'succeeded')
    throw new IllegalStateError(`run ${d.runId} ${state.status}: step ${stepId} cannot ${action}`);
  if (state.compensated)
    throw new IllegalStateError(
      `run ${d.runId} was compensated: start a new run instead of ${action}ing step ${stepId}`,
    );
  return { step, run };
}

/** A person retries a failed step now (its pending backoff, if any, is dropped); a failed run runs again. */
export function retryStep(d: Decision, input: RetryStep, state: RunState): RunOutput[] {
  const { step, run } = failedStep(d, state, input.data.stepId, 'retry');
  if (run.status !== 'failed')
    throw new IllegalStateError(`step ${step.id} of run ${d.runId} is ${run.status}: only a failed step is retried`);
  return [...stopTimers(state, step.id), ...startAttempt(d, state, step, run.attempt + 1)];
}

/** A person skips a running or failed step; what needs it goes on. */
export function skipStep(d: Decision, input: SkipStep, state: RunState): RunOutput[] {
  const { step, run } = failedStep(d, state, input.data.stepId, 'skip');
  if (state.status === 'failed' && run.status !== 'failed')
    throw new IllegalStateError(`run ${d.runId} failed: only its failed step is skipped to let it go on`);
  if (run.status !== 'running' && run.status !== 'failed')
    throw new IllegalStateError(
      `step ${step.id} of run ${d.runId} is ${run.status}: only a running or failed step is skipped`,
    );
  const reason = input.data.reason ?? `skipped by ${input.data.actor.id}`;
  return [
    ...stopTimers(state, step.id),
    event(d, state, 'PipelineStepSkipped', { stepId: step.id, cause: 'manual', reason }),
  ];
}

/** A failed attempt's backoff is over: the next attempt, unless a person or the run's end came first. */
export function retryDue(d: Decision, input: RetryDue, state: RunState): RunOutput[] {
  const notTaking = runNotTaking(d, state);
  if (notTaking) return [ignore(notTaking)];
  const { stepId, attempt } = input.data;
  const run = state.stepRuns[stepId];
  if (!run || run.status !== 'failed' || run.retryAt === null || run.attempt + 1 !== attempt)
    return [ignore(`superseded: attempt ${attempt} of step ${stepId} was started or dropped already`)];
  return startAttempt(d, state, stepOf(state, stepId)!, attempt);
}
