import type { Workflow } from '@ledger/contracts';
import { abortRollout, promoteRollout, requestRollout, rollBack, scaleServing } from './rollout-controls.domain';
import type { RolloutEvent, RolloutInput, RolloutOutput, RolloutSend } from './rollout-messages';
import {
  analysisDue,
  analysisMeasured,
  loadFailed,
  pauseElapsed,
  scaleDownDue,
  versionReady,
} from './rollout-signals.domain';
import { evolveRollout, initialRolloutState, RolloutState } from './rollout-state.domain';
import type { Decision } from './rollout-steps.domain';
import { rolloutUndeploy } from './rollout-undeploy.domain';
import { endJoiners } from './rollout-joining.domain';
import { stableId } from '@ledger/contracts';

/** One workflow instance per model and environment: a newer rollout finds the running one in its state. */
export const rolloutStreamId = (environment: string, name: string): string => `rollout-${environment}-${name}`;

function route(d: Decision, input: RolloutInput, state: RolloutState, commandId: string): RolloutOutput[] {
  const actor = input.metadata.actor.id;
  switch (input.type) {
    case 'RequestRollout':
      return requestRollout(d, input, state, commandId);
    case 'PromoteRollout':
      return promoteRollout(d, input, state);
    case 'AbortRollout':
      return abortRollout(d, input, state, actor);
    case 'RollBack':
      return rollBack(d, input, state, commandId);
    case 'ScaleServing':
      return scaleServing(d, input, state);
    case 'UndeployModel':
      return rolloutUndeploy(d, input, state, actor);
    case 'ServingVersionReady':
      return versionReady(d, input, state);
    case 'ServingVersionLoadFailed':
      return loadFailed(d, input, state);
    case 'StepPauseElapsed':
    case 'AutoPromoteDue':
      return pauseElapsed(d, input, state);
    case 'AnalysisDue':
      return analysisDue(d, input, state);
    case 'AnalysisMeasured':
      return analysisMeasured(d, input, state);
    case 'ScaleDownDue':
      return scaleDownDue(d, input, state);
  }
}

/** The commandId of the n-th command (from 0) a decision on the input with this commandId sends. */
export const sendIdOf = (commandId: string, n: number): string => `${stableId(`sends:${commandId}`)}:${n}`;

/**
 * Every command a decision sends gets its id from the input's commandId and its place in the
 * decision: deciding the same input again names the same commands, and a load's outcome is
 * matched by the id its LoadModelVersion carried.
 */
function numberSends(outputs: RolloutOutput[], commandId: string): RolloutOutput[] {
  let n = 0;
  return outputs.map((output) =>
    output.kind === 'send'
      ? {
          kind: 'send',
          command: {
            ...output.command,
            data: { ...output.command.data, commandId: sendIdOf(commandId, n++) },
          } as RolloutSend,
        }
      : output,
  );
}

/**
 * The rollouts of one model in one environment, one after another:
 * RequestRollout loads the version and, once serving says it is ready, steps it in by its
 * strategy — replace, canary (weight steps with pauses and analysis), blue-green (a shadowed
 * preview promoted by a timer, an analysis or a person, the old version kept warm for a rollback
 * window) or rolling (replicas replaced in batches). A failed analysis rolls back at once, an
 * inconclusive one pauses; people promote, abort, roll back, scale and undeploy.
 */
export const rolloutWorkflow: Workflow<RolloutInput, RolloutSend, RolloutEvent, RolloutState> = {
  name: 'rollout',
  streamOf: (input) => rolloutStreamId(input.data.environment, input.data.name),
  initialState: initialRolloutState,
  decide: (input, state) => {
    const commandId = input.metadata.commandId ?? input.metadata.newId;
    const d: Decision = { name: input.data.name, environment: input.data.environment, now: input.metadata.now };
    // Decided on the state with the input folded in, as the runner folds the stream.
    const current = evolveRollout(state, { kind: 'input', input });
    return numberSends(endJoiners(route(d, input, current, commandId), current.joined), commandId);
  },
  evolve: evolveRollout,
};
