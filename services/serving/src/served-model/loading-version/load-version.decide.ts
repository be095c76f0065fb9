import { ConflictError } from '@ledger/contracts';
import { describeVersion, LoadVersion, ServedModelEvent, ServedModelState, versionOf } from '../served-model';

/**
 * Asks for a version to be loaded, and always answers: every LoadModelVersion gets its own
 * Ready or LoadFailed carrying its commandId, so whoever asked can wait for it. A version already
 * ready with the same digest answers Ready at once (after a scale when the replicas differ); one
 * still loading is asked again under the new id, whose outcome then answers. Another digest under
 * the same version number is refused, since a version's artifact never changes. A failed load may
 * be retried.
 */
export function decideLoadVersion(command: LoadVersion, state: ServedModelState): ServedModelEvent[] {
  const { name, environment, version, artifactSha256, replicas, signature } = command.data;
  const loadCommandId = command.metadata.commandId ?? command.metadata.newId;
  const current = versionOf(state, version);
  if (current && current.status !== 'failed' && current.artifactSha256 !== artifactSha256)
    throw new ConflictError(
      `${describeVersion(command.data)} is already loaded with artifact ${current.artifactSha256}, not ${artifactSha256}`,
      { artifactSha256: current.artifactSha256 },
      false,
    );
  if (current?.status === 'ready') {
    const scaled: ServedModelEvent[] =
      current.replicas === replicas
        ? []
        : [
            {
              type: 'ServingVersionScaled',
              data: { name, environment, version, replicas, previousReplicas: current.replicas },
            },
          ];
    return [
      ...scaled,
      { type: 'ServingVersionReady', data: { name, environment, version, loadCommandId, replicas, loadedInMs: 0 } },
    ];
  }
  return [
    {
      type: 'ServingVersionLoadRequested',
      data: { name, environment, version, loadCommandId, artifactSha256, replicas, signature: signature ?? null },
    },
  ];
}
