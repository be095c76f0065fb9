import type { Workflow } from '@ledger/contracts';
import { approveStep, rejectStep } from './approvals.domain';
import type { RunEvent, RunInput, RunOutput, RunSend } from './run-messages';
import { runStreamId } from './run-messages';
import { cancelRun, retryDue, retryStep, skipStep, supersedeRun } from './run-controls.domain';
import { after, Decision } from './run-decision.domain';
import { advance } from './run-graph.domain';
import { resumeQueuedRun, startRun } from './run-start.domain';
import { evolveRun, initialRunState, RunState } from './run-state.domain';
import {
  commandRefused,
  deploymentOutcome,
  notifyOutcome,
  registryOutcome,
  stepTimedOut,
  verdictReceived,
  waitElapsed,
} from './step-signals.domain';

export type { RunState, RunStatus, StepRun, StepStatus } from './run-state.domain';

/** `before`: the state without the input, for inputs whose duplicates the input itself would hide. */
function route(d: Decision, input: RunInput, before: RunState, state: RunState): RunOutput[] {
  switch (input.type) {
    case 'StartRun':
      return startRun(d, input, before, state);
    case 'ResumeQueuedRun':
      return resumeQueuedRun(d, input, state);
    case 'SupersedeRun':
      return supersedeRun(d, input, state);
    case 'VerdictReceived':
      return verdictReceived(d, input, before, state);
    case 'RegistryOutcome':
      return registryOutcome(d, input, state);
    case 'DeploymentOutcome':
      return deploymentOutcome(d, input, state);
    case 'CommandRefused':
      return commandRefused(d, input, state);
    case 'NotifyOutcome':
      return notifyOutcome(d, input, state);
    case 'ApproveStep':
      return approveStep(d, input, state);
    case 'RejectStep':
      return rejectStep(d, input, state);
    case 'CancelRun':
      return cancelRun(d, input, state);
    case 'RetryStep':
      return retryStep(d, input, state);
    case 'SkipStep':
      return skipStep(d, input, state);
    case 'StepTimedOut':
      return stepTimedOut(d, input, state);
    case 'RetryDue':
      return retryDue(d, input, state);
    case 'WaitElapsed':
      return waitElapsed(d, input, state);
  }
}

/**
 * One pipeline run of one model version: its steps (validate, transition, set-alias, deploy,
 * approval, wait, notify) begin as their needs succeed, each attempt's command carries
 * `run:<runId>:<stepId>:<attempt>` and its outcome is matched by it; failures retry with
 * backoff, then fail the run, skip the step or compensate. People approve, reject, cancel,
 * retry and skip. Inputs that do not apply are ignored with the reason; a person's input that
 * must be refused throws from the closed set of errors.
 */
export const runWorkflow: Workflow<RunInput, RunSend, RunEvent, RunState> = {
  name: 'pipeline-run',
  streamOf: (input) => runStreamId(input.data.runId),
  initialState: initialRunState,
  decide: (input, state) => {
    const d: Decision = { runId: input.data.runId, now: input.metadata.now };
    // Decided on the state with the input folded in, as the runner folds the stream.
    const current = evolveRun(state, { kind: 'input', input });
    const outputs = route(d, input, state, current);
    if (outputs.every((o) => o.kind === 'ignore')) return outputs;
    return [...outputs, ...advance(d, after(current, outputs))];
  },
  evolve: evolveRun,
};
