import type { Readable } from 'node:stream';
import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import { BlobDigestMismatchError, verifiedContent } from '@ledger/blobs';
import { principalOf } from '@ledger/platform';
import type { HttpRequest } from '@ledger/platform';
import { readerOf, requireReadable } from '../../model/authorizing/model-access';
import { findVersion } from '../../model/listing-versions/model-versions.projection';
import { reportCorruption } from '../downloading-artifact/artifact-corrupted';
import { ArtifactsContext } from '../storing/artifacts.context';
import { ArtifactTarget } from '../storing/artifact-target';
import { findArtifact, VersionArtifact } from '../storing/version-artifacts.table';
import { ArtifactAddress } from './artifact-tree.domain';
import { TarFormatError } from './tar-format.domain';

/** A version's uploaded artifact, opened for one read through readVerified's check. */
export interface UploadedFiles {
  target: ArtifactTarget;
  artifact: VersionArtifact;
  /** The stored bytes, verified while read: the stream fails before its end when they are wrong. */
  content: Readable;
}

/** The version's uploaded artifact, once the caller may READ its model; RESOURCE_DOES_NOT_EXIST otherwise. */
export async function openUploaded(
  context: ArtifactsContext,
  address: ArtifactAddress,
  req: HttpRequest,
): Promise<UploadedFiles> {
  const { modelId, version: number } = address;
  const version = await findVersion(context.db, modelId, number);
  if (!version)
    throw new NotFoundError(`version ${number} of the registered model with id ${modelId} does not exist`, {
      modelId,
      version: number,
    });
  const reader = readerOf(principalOf(req), context.registry.access.defaultPermission);
  await requireReadable(context.db, reader, modelId, version.name);
  const target: ArtifactTarget = { name: version.name, modelId, version };
  const artifact = await findArtifact(context.db, modelId, number);
  if (!artifact)
    throw new NotFoundError(`version ${number} of registered model "${version.name}" has no uploaded artifact`, {
      name: version.name,
      version: number,
    });
  const blob = await context.store.get(artifact.sha256);
  if (!blob) throw reportCorruption(context, target, artifact, { reason: 'missing' });
  return { target, artifact, content: verifiedContent(blob, artifact.sha256, artifact.sizeBytes) };
}

/** A failed read in terms of the closed error set: wrong bytes are ARTIFACT_CORRUPTED (409), a broken archive an illegal state. */
export function readFailure(context: ArtifactsContext, files: UploadedFiles, error: unknown): unknown {
  if (error instanceof BlobDigestMismatchError)
    return reportCorruption(context, files.target, files.artifact, {
      reason: 'digest',
      actualSha256: error.actualSha256,
      sizeBytes: error.sizeBytes,
    });
  if (error instanceof TarFormatError || (error as NodeJS.ErrnoException | null)?.code === 'Z_DATA_ERROR') {
    const { name, version } = files.target.version;
    return new IllegalStateError(
      `the artifact of version ${version} of registered model "${name}" cannot be read as files: ${(error as Error).message}`,
      { name, version },
    );
  }
  return error;
}
