import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import { describeVersion, ServedModelEvent, ServedModelState, UnloadVersion, versionOf } from '../served-model';

/**
 * Frees a version's replicas. Refused while the routing table sends it requests (a route or the
 * shadow): traffic moves away first, so no request ever lands on a version that is gone. The one
 * exception is the model's last route: a table cannot be empty, so unloading the version that
 * takes all the traffic (with no shadow) drops the table with it — how a model is undeployed.
 */
export function decideUnloadVersion(command: UnloadVersion, state: ServedModelState): ServedModelEvent[] {
  const { name, environment, version } = command.data;
  if (!versionOf(state, version)) throw new NotFoundError(`${describeVersion(command.data)} is not loaded`);
  const traffic = state.traffic;
  const unloaded: ServedModelEvent = { type: 'ServingVersionUnloaded', data: { name, environment, version } };
  if (traffic && traffic.shadowVersion === undefined && traffic.routes.every((r) => r.version === version))
    return [{ type: 'ServingTrafficCleared', data: { name, environment } }, unloaded];
  if (traffic?.routes.some((r) => r.version === version))
    throw new IllegalStateError(`${describeVersion(command.data)} still takes traffic; set traffic without it first`);
  if (traffic?.shadowVersion === version)
    throw new IllegalStateError(`${describeVersion(command.data)} is the shadow; set traffic without it first`);
  return [unloaded];
}
