import { CompleteLoad, ServedModelEvent, ServedModelState, versionOf } from '../served-model';

/**
 * Records the runtime's answer to a load request, once: only while that very request is still
 * loading. A second answer (another instance, or this one again after a restart), an answer for
 * a request since replaced, or one for a version unloaded meanwhile records nothing.
 */
export function decideCompleteLoad(command: CompleteLoad, state: ServedModelState): ServedModelEvent[] {
  const { name, environment, version, loadCommandId, outcome } = command.data;
  const current = versionOf(state, version);
  if (!current || current.status !== 'loading' || current.loadCommandId !== loadCommandId) return [];
  const target = { name, environment, version, loadCommandId };
  return outcome.ok
    ? [{ type: 'ServingVersionReady', data: { ...target, replicas: current.replicas, loadedInMs: outcome.loadedInMs } }]
    : [{ type: 'ServingVersionLoadFailed', data: { ...target, reason: outcome.reason.slice(0, 2000) } }];
}
