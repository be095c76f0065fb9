import { cancel, IllegalStateError } from '@ledger/contracts';
import type { UndeployModel } from './rollout-inputs';
import type { RolloutOutput } from './rollout-messages';
import { backToStable } from './rollout-signals.domain';
import { RolloutState, SCALE_DOWN_TIMER } from './rollout-state.domain';
import { after, Decision, event, serving, target } from './rollout-steps.domain';

/**
 * Stops serving a model in an environment. A routing table cannot be empty (it has at least one
 * route) and serving refuses to unload a routed version, so the order is: a running rollout is
 * aborted (its traffic back to stable, its version unloaded), a warm blue-green version's timer
 * cancelled, every version but stable unloaded, and stable — the only routed one — last: serving
 * drops a model's routing table with the last version it unloads.
 */
export function rolloutUndeploy(
  d: Decision,
  input: UndeployModel,
  state: RolloutState,
  actor: string,
): RolloutOutput[] {
  const { reason } = input.data;
  const outputs: RolloutOutput[] = [];
  if (state.active) {
    const { deploymentId, version } = state.active;
    outputs.push(...backToStable(d, state));
    const why = `undeployed by ${actor}${reason ? `: ${reason}` : ''}`;
    outputs.push(event('DeploymentAborted', { deploymentId, ...target(d), version, reason: why, supersededBy: null }));
  }
  if (state.warm) outputs.push(cancel(SCALE_DOWN_TIMER));
  const rest = after(state, outputs);
  const versions = Object.keys(rest.loaded).map(Number);
  if (versions.length === 0 && state.stable === null)
    throw new IllegalStateError(`${d.name} is not deployed in ${d.environment}: nothing to undeploy`);
  const unloadOrder = [
    ...versions.filter((v) => v !== rest.stable).sort((a, b) => a - b),
    ...versions.filter((v) => v === rest.stable),
  ];
  const unloads = unloadOrder.map((version) => serving(d, 'UnloadModelVersion', { version }));
  const unloaded = [
    ...new Set([
      ...unloadOrder,
      ...outputs.flatMap((o) =>
        o.kind === 'send' && o.command.type === 'UnloadModelVersion' ? [o.command.data.version] : [],
      ),
    ]),
  ].sort((a, b) => a - b);
  return [...outputs, ...unloads, event('Undeployed', { ...target(d), versions: unloaded, reason })];
}
