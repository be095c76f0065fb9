import type { IncomingMessage } from 'node:http';
import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AlreadyExistsError, CommandMetadata, ValidationError } from '@ledger/contracts';
import { httpCommandMetadata, principalOf, requestClock, ServiceMetrics, withCommandPrincipal } from '@ledger/platform';
import { requirePermission } from '../../model/authorizing/model-access';
import { ARTIFACTS, ArtifactsContext } from '../storing/artifacts.context';
import {
  announcedSha256,
  BlobDigestMismatchError,
  BlobTooLargeError,
  mountStreamedUpload,
  StoredBlob,
} from '@ledger/blobs';
import { ArtifactTarget, resolveVersion } from '../storing/artifact-target';
import { findArtifact } from '../storing/version-artifacts.table';
import { discardIfOrphaned, putClaimed } from './claimed-put';
import {
  declaredOf,
  expectedSha256Of,
  notTheDeclared,
  refuseOtherLength,
  requireDeclaredSize,
} from './declared-artifact';
import { handleModel } from '../../registry.context';
import type { ModelCommandOf } from '../../model/model';

export const ARTIFACT_ROUTE = '/api/v1/models/:name/versions/:version/artifact';

type Request = IncomingMessage & { params: Record<string, string> };

export interface UploadAnswer {
  /** 201 when this upload attached the artifact, 200 when the same bytes were already attached. */
  status: 200 | 201;
  body: StoredBlob;
}

/** Serves PUT <ARTIFACT_ROUTE> streamed, ahead of the platform's JSON gate and body parsers. */
export function mountArtifactUpload(app: NestExpressApplication, metrics: ServiceMetrics): void {
  const context = app.get<ArtifactsContext>(ARTIFACTS, { strict: false });
  mountStreamedUpload(app, metrics, {
    method: 'put',
    path: ARTIFACT_ROUTE,
    handle: (req) => uploadArtifact(context, req),
    toEdgeError,
  });
}

export async function uploadArtifact(context: ArtifactsContext, req: Request): Promise<UploadAnswer> {
  refuseOtherThanBytes(req.headers['content-type']);
  const headerSha256 = announcedSha256(req.headers['x-content-sha256']);
  // Headers are checked before any byte is stored; the clock is read once the bytes are in.
  const metadata = httpCommandMetadata(req);
  const target = await resolveVersion(context.db, req.params.name, req.params.version);
  // Refused before a byte is read: a caller who may not attach must not be able to fill the store.
  await requirePermission(context.registry, metadata, target.modelId, target.version.name, 'EDIT');
  refuseDeclaredOversize(req.headers['content-length'], context.maxBytes);
  refuseOtherLength(target, req.headers['content-length']);
  const expectedSha256 = expectedSha256Of(target, headerSha256);
  const before = await findArtifact(context.db, target.modelId, target.version.version);
  if (before && expectedSha256 && before.sha256 !== expectedSha256) throw alreadyAttached(target, before.sha256);

  // The bytes go to the content-addressed store first, then the attachment is recorded as an
  // ArtifactAttached event on the model stream (version_artifacts is its inline projection). The
  // aggregate refuses a different digest (RESOURCE_ALREADY_EXISTS, also when a concurrent upload
  // of other bytes won the race) and appends nothing for the same digest again.
  const { stored, release } = await putClaimed(context, req, { maxBytes: context.maxBytes, expectedSha256 }).catch(
    (error: unknown) => {
      const declared = declaredOf(target);
      throw declared && error instanceof BlobDigestMismatchError
        ? notTheDeclared(target, declared, error.actualSha256, error.sizeBytes)
        : error;
    },
  );
  try {
    requireDeclaredSize(target, stored);
    const answer = await attach(
      context,
      target,
      stored,
      withCommandPrincipal({ ...metadata, now: requestClock(req).now().toISOString() }, principalOf(req)),
    );
    await release();
    return answer;
  } catch (error) {
    // Refused after the bytes were stored: they must not stay behind as an orphan blob. Our own
    // claim goes first, or the discard would always find the digest claimed.
    await release();
    await discardIfOrphaned(context, stored);
    throw error;
  }
}

async function attach(
  context: ArtifactsContext,
  target: ArtifactTarget,
  stored: StoredBlob,
  metadata: CommandMetadata,
): Promise<UploadAnswer> {
  const command: ModelCommandOf<'AttachArtifact'> = {
    type: 'AttachArtifact',
    data: {
      name: target.version.name,
      version: target.version.version,
      sha256: stored.sha256,
      sizeBytes: stored.sizeBytes,
      uri: stored.uri,
    },
    metadata,
  };
  // Addressed by id, not name: a rename while the body streamed does not lose the upload.
  const handled = await handleModel(context.registry, target.modelId, command);
  if (handled.events.length > 0)
    return { status: 201, body: { sha256: stored.sha256, sizeBytes: stored.sizeBytes, uri: stored.uri } };
  const attached = (await findArtifact(context.db, target.modelId, target.version.version)) ?? stored;
  return { status: 200, body: { sha256: attached.sha256, sizeBytes: attached.sizeBytes, uri: attached.uri } };
}

/**
 * The body is stored as sent, so it must be sent as bytes: a JSON, text or form body is almost
 * always a client mistake (and would be stored unread). No Content-Type at all is raw bytes too
 * (`curl -T`, a plain stream).
 */
function refuseOtherThanBytes(contentType: string | undefined): void {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === '' || type === 'application/octet-stream') return;
  throw new UnsupportedMediaTypeException(
    `an artifact is sent as raw bytes (Content-Type: application/octet-stream), not "${type}"`,
  );
}

function refuseDeclaredOversize(contentLength: string | undefined, maxBytes: number): void {
  if (contentLength !== undefined && Number(contentLength) > maxBytes) throw new BlobTooLargeError(maxBytes);
}

function alreadyAttached(target: ArtifactTarget, sha256: string): AlreadyExistsError {
  const { name, version } = target.version;
  return new AlreadyExistsError(
    `version ${version} of registered model "${name}" already has an artifact (sha256 ${sha256}); an artifact never changes, register a new version`,
    {
      name,
      version,
      sha256,
    },
  );
}

/** Store failures in terms of the closed error set and the platform's HTTP mapping. */
function toEdgeError(error: unknown): unknown {
  if (error instanceof BlobTooLargeError)
    return new PayloadTooLargeException(`artifact is larger than the limit of ${error.maxBytes} bytes`);
  if (error instanceof BlobDigestMismatchError) {
    return new ValidationError(
      `X-Content-SHA256: the uploaded content has sha256 ${error.actualSha256}, not ${error.expectedSha256}; nothing was stored`,
      {
        expectedSha256: error.expectedSha256,
        actualSha256: error.actualSha256,
      },
    );
  }
  // The client went away mid-upload: nobody reads this answer, but it is no server bug either.
  if (
    (error as NodeJS.ErrnoException | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (error as Error | null)?.message === 'aborted'
  ) {
    return new BadRequestException('upload interrupted before the body was complete');
  }
  return error;
}
