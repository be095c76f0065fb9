import { isDeepStrictEqual } from 'node:util';
import type { RequestRollout } from './rollout-inputs';
import type { RolloutEvent, RolloutOutput } from './rollout-messages';
import type { ActiveRollout, RolloutState } from './rollout-state.domain';

/**
 * Joining: a rollout asked for while another already rolls out the same version, the same way,
 * joins it instead of superseding it — an environment's trigger and a pipeline's deploy step
 * naming the same promotion make one rollout, not a restarted one (as re-applying an unchanged
 * Argo Rollout or KServe spec changes nothing). The joiner ends as the running rollout ends.
 */

/** Whether the request asks for exactly what the running rollout does (a rollback is never joined). */
export function joinable(running: ActiveRollout, request: RequestRollout['data']): boolean {
  return (
    running.rollbackFrom === null &&
    running.version === request.version &&
    running.replicas === request.replicas &&
    // Key order aside: both come from one schema, but not always from one object.
    isDeepStrictEqual(running.strategy, request.strategy)
  );
}

const ENDINGS: readonly RolloutEvent['type'][] = ['DeploymentSucceeded', 'DeploymentRolledBack', 'DeploymentAborted'];
type Ending = Extract<RolloutEvent, { type: 'DeploymentSucceeded' | 'DeploymentRolledBack' | 'DeploymentAborted' }>;
const isEnding = (event: RolloutEvent): event is Ending => ENDINGS.includes(event.type);

/**
 * Each end of a running rollout ends its joiners the same way, just before it (so read models
 * that keep the last deployment to end keep the running one's).
 */
export function endJoiners(outputs: RolloutOutput[], joined: RolloutState['joined']): RolloutOutput[] {
  if (Object.keys(joined).length === 0) return outputs;
  return outputs.flatMap((output) => {
    if (output.kind !== 'publish' || !isEnding(output.event)) return [output];
    const ending = output.event;
    const joiners = Object.keys(joined).filter((id) => joined[id] === ending.data.deploymentId);
    const copies = joiners.map((deploymentId): RolloutOutput => ({
      kind: 'publish',
      event: { ...ending, data: { ...ending.data, deploymentId } } as RolloutEvent,
    }));
    return [...copies, output];
  });
}

/** The state after an event about a joiner (undefined: the event is not about one). */
export function evolveJoiners(state: RolloutState, event: RolloutEvent): RolloutState | undefined {
  if (event.type === 'DeploymentRequested' && event.data.joins)
    return { ...state, joined: { ...state.joined, [event.data.deploymentId]: event.data.joins } };
  if (!isEnding(event) || state.joined[event.data.deploymentId] === undefined) return undefined;
  const joined = { ...state.joined };
  delete joined[event.data.deploymentId];
  return { ...state, joined };
}
