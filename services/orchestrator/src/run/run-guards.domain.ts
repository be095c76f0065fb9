import type { PipelineStep } from '@ledger/contracts';
import { IllegalStateError, NotFoundError, ValidationError } from '@ledger/contracts';
import { Decision, stepOf } from './run-decision.domain';
import { hasEnded, RunState, StepRun } from './run-state.domain';

/** Why a machine's input (an outcome, a timer, a resume) has nothing to act on; null: the run can take it. */
export function runNotTaking(d: Decision, state: RunState): string | null {
  if (state.status === 'unknown') return `no such run: ${d.runId}`;
  if (hasEnded(state)) return `run ended: run ${d.runId} ${state.status}`;
  if (state.status === 'queued') return `run ${d.runId} is queued: none of its steps began`;
  return null;
}

/** A person's input names a run that must exist (404 otherwise). */
export function requireRun(d: Decision, state: RunState): void {
  if (state.status === 'unknown') throw new NotFoundError(`pipeline run ${d.runId} does not exist`);
}

/** A person's input names a step of the run (of the given type, when one is needed). */
export function requireStep(
  d: Decision,
  state: RunState,
  stepId: string,
  type?: PipelineStep['type'],
): { step: PipelineStep; run: StepRun } {
  requireRun(d, state);
  if (state.status === 'queued') throw new IllegalStateError(`run ${d.runId} is queued: step ${stepId} has not begun`);
  const step = stepOf(state, stepId);
  if (!step) throw new ValidationError(`stepId: run ${d.runId} has no step "${stepId}"`);
  if (type && step.type !== type)
    throw new ValidationError(`stepId: step "${stepId}" of run ${d.runId} is a ${step.type} step, not ${type}`);
  return { step, run: state.stepRuns[stepId] };
}
