import type { PipelineStep } from '@ledger/contracts';
import { schedule } from '@ledger/contracts';
import type { RunOutput } from './run-messages';
import { hasRetryLeft, retryDelayMs } from './backoff.domain';
import { compensate, endFailed } from './compensation.domain';
import { after, Decision, event, later, stepOf, stopTimers } from './run-decision.domain';
import { RunState, timerId } from './run-state.domain';

/** The current attempt of a step did what it was for. */
export function succeedStep(d: Decision, state: RunState, stepId: string, detail: Record<string, unknown>) {
  const { attempt } = state.stepRuns[stepId];
  return [...stopTimers(state, stepId), event(d, state, 'PipelineStepSucceeded', { stepId, attempt, detail })];
}

export interface Failure {
  reason: string;
  timedOut?: boolean;
  /** No retry, whatever the step's retries say (a rejection is a person's answer, not a fault). */
  final?: boolean;
}

/** What a step's failure does once it has no retry left: fail the run, skip the step, or compensate and fail. */
function afterLastAttempt(d: Decision, state: RunState, step: PipelineStep, reason: string): RunOutput[] {
  switch (step.onFailure) {
    case 'skip':
      return [
        event(d, state, 'PipelineStepSkipped', { stepId: step.id, cause: 'failure', reason: `failed: ${reason}` }),
      ];
    case 'compensate':
      return compensate(d, state, step.id, `step ${step.id} failed: ${reason}`);
    case 'fail':
      return endFailed(d, state, step.id, `step ${step.id} failed: ${reason}`);
  }
}

/** The current attempt of a step failed: a retry after its backoff, or what its onFailure says. */
export function failAttempt(d: Decision, state: RunState, stepId: string, failure: Failure): RunOutput[] {
  const step = stepOf(state, stepId)!;
  const { attempt } = state.stepRuns[stepId];
  const retry = !failure.final && hasRetryLeft(step, attempt);
  const retryAt = retry ? later(d.now, retryDelayMs(step.retries!, { runId: d.runId, stepId, attempt })) : null;
  const { reason } = failure;
  const failed = [
    ...stopTimers(state, stepId),
    event(d, state, 'PipelineStepFailed', { stepId, attempt, reason, timedOut: failure.timedOut ?? false, retryAt }),
  ];
  if (retryAt) {
    const next = { runId: d.runId, stepId, attempt: attempt + 1 };
    const id = timerId('retry', stepId, attempt + 1);
    return [...failed, schedule({ id, dueAt: retryAt, input: { type: 'RetryDue' as const, data: next } })];
  }
  return [...failed, ...afterLastAttempt(d, after(state, failed), step, reason)];
}
