import { AlreadyExistsError } from '@ledger/contracts';
import type { ModelCommandOf } from '../model';
import { ModelEvent, modelRef, ModelState } from '../model';
import { artifactOf, requireVersion } from '../model-versions';

/**
 * Attaches an artifact to a live version once: its bytes never change after the fact. The same
 * digest again is a no-op (a retried or repeated upload); a different one is refused.
 */
export function decideAttachArtifact(command: ModelCommandOf<'AttachArtifact'>, state: ModelState): ModelEvent[] {
  const { version } = requireVersion(state, command.data.version);
  const { sha256, sizeBytes, uri } = command.data;
  const attached = artifactOf(state, version);
  if (attached === sha256) return [];
  if (attached !== undefined) {
    throw new AlreadyExistsError(
      `version ${version} of registered model "${state.name}" already has an artifact (sha256 ${attached}); an artifact never changes, register a new version`,
      { name: state.name, version, sha256: attached },
    );
  }
  return [{ type: 'ArtifactAttached', data: { ...modelRef(state), version, sha256, sizeBytes, uri } }];
}
