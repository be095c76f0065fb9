import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import { describeVersion, ScaleVersion, ServedModelEvent, ServedModelState, versionOf } from '../served-model';

/** Changes the replicas of a version that is loaded or loading; the same count again changes nothing. */
export function decideScaleVersion(command: ScaleVersion, state: ServedModelState): ServedModelEvent[] {
  const { name, environment, version, replicas } = command.data;
  const current = versionOf(state, version);
  if (!current) throw new NotFoundError(`${describeVersion(command.data)} is not loaded`);
  if (current.status === 'failed')
    throw new IllegalStateError(`${describeVersion(command.data)} failed to load; load it again instead of scaling it`);
  if (current.replicas === replicas) return [];
  return [
    {
      type: 'ServingVersionScaled',
      data: { name, environment, version, replicas, previousReplicas: current.replicas },
    },
  ];
}
