import { IllegalStateError, NotFoundError, ValidationError } from '@ledger/contracts';
import { isDeepStrictEqual } from 'node:util';
import { describeVersion, ServedModelEvent, ServedModelState, SetTraffic, versionOf } from '../served-model';

/**
 * Replaces the routing table. Every version it names (routes and shadow) must be ready: the
 * runtime routes only to versions whose replicas all answered their warm-up, so a route to a
 * version still loading, or one that failed to load, is refused rather than left dangling.
 */
export function decideSetTraffic(command: SetTraffic, state: ServedModelState): ServedModelEvent[] {
  const { name, environment, traffic } = command.data;
  if (traffic.shadowVersion !== undefined && traffic.routes.some((r) => r.version === traffic.shadowVersion))
    throw new ValidationError(
      `traffic.shadowVersion: version ${traffic.shadowVersion} is routed; a shadow's answers are discarded, so it cannot also serve`,
    );
  const named = [
    ...traffic.routes.map((r) => r.version),
    ...(traffic.shadowVersion === undefined ? [] : [traffic.shadowVersion]),
  ];
  for (const version of named) requireReady(state, { name, environment, version });
  if (isDeepStrictEqual(state.traffic, traffic)) return [];
  return [{ type: 'ServingTrafficSet', data: { name, environment, traffic } }];
}

function requireReady(state: ServedModelState, target: { name: string; environment: string; version: number }): void {
  const served = versionOf(state, target.version);
  if (!served) throw new NotFoundError(`${describeVersion(target)} is not loaded; load it before routing to it`);
  if (served.status === 'loading')
    throw new IllegalStateError(`${describeVersion(target)} is still loading; route to it once it is ready`);
  if (served.status === 'failed')
    throw new IllegalStateError(`${describeVersion(target)} failed to load (${served.reason}); it cannot take traffic`);
}
