import type { PipelineStep } from '@ledger/contracts';
import { stepNeeds } from '@ledger/contracts';
import type { RunOutput } from './run-messages';
import { describe, holds } from './conditions.domain';
import { after, Decision, durationOf, event, stopTimers } from './run-decision.domain';
import { RunState, subjectOf } from './run-state.domain';
import { startAttempt } from './step-start.domain';

const settled = (state: RunState, stepId: string): boolean =>
  ['succeeded', 'skipped'].includes(state.stepRuns[stepId]?.status);

/** The first step not yet begun whose needs have all succeeded or were skipped. */
function nextReady(state: RunState): PipelineStep | undefined {
  return state.steps.find(
    (step, i) =>
      state.stepRuns[step.id].status === 'pending' && stepNeeds(state.steps, i).every((id) => settled(state, id)),
  );
}

/** A step whose needs are met: skipped when its condition does not hold, else its first attempt. */
function enter(d: Decision, state: RunState, step: PipelineStep): RunOutput[] {
  if (step.when) {
    const { metrics, tags } = subjectOf(state);
    if (!holds(step.when, { metrics, tags, verdict: state.verdict }))
      return [
        event(d, state, 'PipelineStepSkipped', {
          stepId: step.id,
          cause: 'condition',
          reason: `condition does not hold: ${describe(step.when)}`,
        }),
      ];
  }
  return startAttempt(d, state, step, 1);
}

/**
 * Moves a running run on after whatever just happened: every step whose needs are met begins
 * (parallel branches of the DAG together), and once every step succeeded or was skipped the run succeeds.
 */
export function advance(d: Decision, state: RunState): RunOutput[] {
  const outputs: RunOutput[] = [];
  for (;;) {
    const current = after(state, outputs);
    if (current.status !== 'running') return outputs;
    const ready = nextReady(current);
    if (ready) {
      outputs.push(...enter(d, current, ready));
      continue;
    }
    if (!current.steps.every((s) => settled(current, s.id))) return outputs;
    const durationMs = durationOf(d, current);
    return [...outputs, ...stopTimers(current), event(d, current, 'PipelineRunSucceeded', { durationMs })];
  }
}
