import { ConflictError } from '@ledger/contracts';
import { describeVersion, LoadVersion, ServedModelEvent, ServedModelState, versionOf } from '../served-model';

/**
 * Asks for a version to be loaded. Loading what is already wanted (same digest, same replicas)
 * changes nothing; the same digest with other replicas is a scale; another digest under the same
 * version number is refused, since a version's artifact never changes. A failed load may be retried.
 */
export function decideLoadVersion(command: LoadVersion, state: ServedModelState): ServedModelEvent[] {
  const { name, environment, version, artifactSha256, replicas, signature } = command.data;
  const current = versionOf(state, version);
  if (current && current.status !== 'failed') {
    if (current.artifactSha256 !== artifactSha256)
      throw new ConflictError(
        `${describeVersion(command.data)} is already loaded with artifact ${current.artifactSha256}, not ${artifactSha256}`,
        { artifactSha256: current.artifactSha256 },
        false,
      );
    if (current.replicas === replicas) return [];
    return [
      {
        type: 'ServingVersionScaled',
        data: { name, environment, version, replicas, previousReplicas: current.replicas },
      },
    ];
  }
  const loadCommandId = command.metadata.commandId ?? command.metadata.newId;
  return [
    {
      type: 'ServingVersionLoadRequested',
      data: {
        name,
        environment,
        version,
        loadCommandId,
        artifactSha256,
        replicas,
        signature: signature ?? null,
      },
    },
  ];
}
