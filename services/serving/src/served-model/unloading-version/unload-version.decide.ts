import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import { describeVersion, ServedModelEvent, ServedModelState, UnloadVersion, versionOf } from '../served-model';

/**
 * Frees a version's replicas. Refused while the routing table sends it requests (a route or the
 * shadow): traffic moves away first, so no request ever lands on a version that is gone.
 */
export function decideUnloadVersion(command: UnloadVersion, state: ServedModelState): ServedModelEvent[] {
  const { name, environment, version } = command.data;
  if (!versionOf(state, version)) throw new NotFoundError(`${describeVersion(command.data)} is not loaded`);
  const traffic = state.traffic;
  if (traffic?.routes.some((r) => r.version === version))
    throw new IllegalStateError(`${describeVersion(command.data)} still takes traffic; set traffic without it first`);
  if (traffic?.shadowVersion === version)
    throw new IllegalStateError(`${describeVersion(command.data)} is the shadow; set traffic without it first`);
  return [{ type: 'ServingVersionUnloaded', data: { name, environment, version } }];
}
