import { ignore } from '@ledger/contracts';
import type { ResumeQueuedRun, RunOutput, StartRun } from './run-messages';
import { fillParameters } from './parameters.domain';
import { Decision, event } from './run-decision.domain';
import { RunState } from './run-state.domain';

/**
 * The run begins: PipelineRunStarted with the steps it will follow, placeholders filled from the
 * pipeline's parameters and the run's overrides. A placeholder that names no parameter (or a
 * filled step its schema refuses) fails the run at once, naming the step.
 */
function begin(d: Decision, state: RunState): RunOutput[] {
  const { subject, pipeline, trigger } = state.start!;
  const parameters = { ...pipeline.definition.parameters, ...state.start!.parameters };
  const filled = fillParameters(pipeline.definition.steps, parameters);
  const started = event(d, state, 'PipelineRunStarted', {
    modelId: subject.modelId,
    pipeline: { model: pipeline.model, pipelineVersion: pipeline.pipelineVersion },
    trigger,
    parameters,
    steps: filled.ok ? filled.steps : pipeline.definition.steps,
  });
  if (filled.ok) return [started];
  return [
    started,
    event(d, state, 'PipelineRunFailed', { stepId: filled.stepId, reason: filled.reason, durationMs: 0 }),
  ];
}

/** A new run: queued while the model has its pipeline's maxConcurrentRuns running, else started. */
export function startRun(d: Decision, input: StartRun, before: RunState, state: RunState): RunOutput[] {
  if (before.status !== 'unknown') return [ignore(`duplicate: run ${d.runId} was already started (${before.status})`)];
  if (input.data.queued)
    return [event(d, state, 'PipelineRunQueued', { trigger: input.data.trigger, running: input.data.running })];
  return begin(d, state);
}

/** A queued run's slot came free. */
export function resumeQueuedRun(d: Decision, _input: ResumeQueuedRun, state: RunState): RunOutput[] {
  if (state.status === 'unknown') return [ignore(`no such run: ${d.runId}`)];
  if (state.status !== 'queued') return [ignore(`duplicate: run ${d.runId} is not queued (${state.status})`)];
  return begin(d, state);
}
