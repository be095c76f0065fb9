import { Artifact, ValidationError } from '@ledger/contracts';
import { ArtifactTarget } from '../storing/artifact-target';

// A version registered with an artifact (VersionCreated v2 `artifact`) has declared its content
// up front: an upload must be exactly those bytes. The declared sha256 acts as an implicit
// X-Content-SHA256, so the store refuses other bytes before they become visible.

/** The digest the upload must have: the declared one and/or X-Content-SHA256, which must agree. */
export function expectedSha256Of(target: ArtifactTarget, header: string | undefined): string | undefined {
  const declared = declaredOf(target);
  if (!declared) return header;
  if (header !== undefined && header !== declared.sha256) {
    throw new ValidationError(
      `X-Content-SHA256: ${header} is not the sha256 ${describe(target)} was registered with (${declared.sha256}); nothing was read`,
      {
        header: 'X-Content-SHA256',
        expectedSha256: declared.sha256,
        headerSha256: header,
      },
    );
  }
  return declared.sha256;
}

/** A declared length that cannot be the declared content is refused before any byte is read. */
export function refuseOtherLength(target: ArtifactTarget, contentLength: string | undefined): void {
  const declared = declaredOf(target);
  if (!declared || contentLength === undefined || Number(contentLength) === declared.sizeBytes) return;
  throw new ValidationError(
    `Content-Length: ${contentLength} bytes is not the size of the artifact ${describe(target)} was registered with (sha256 ${declared.sha256}, ${declared.sizeBytes} bytes); nothing was read`,
    { header: 'Content-Length', expectedSha256: declared.sha256, expectedSizeBytes: declared.sizeBytes },
  );
}

/** Same digest but another size means the declaration itself is inconsistent: still not attached. */
export function requireDeclaredSize(target: ArtifactTarget, stored: { sha256: string; sizeBytes: number }): void {
  const declared = declaredOf(target);
  if (declared && stored.sizeBytes !== declared.sizeBytes)
    throw notTheDeclared(target, declared, stored.sha256, stored.sizeBytes);
}

/** Names both digests (and sizes), so the client sees which content the version expects. */
export function notTheDeclared(
  target: ArtifactTarget,
  declared: Artifact,
  actualSha256: string,
  actualSizeBytes: number,
): ValidationError {
  return new ValidationError(
    `artifact: the uploaded content (sha256 ${actualSha256}, ${actualSizeBytes} bytes) is not the artifact ${describe(target)} was registered with ` +
      `(sha256 ${declared.sha256}, ${declared.sizeBytes} bytes); nothing was attached`,
    { expectedSha256: declared.sha256, actualSha256, expectedSizeBytes: declared.sizeBytes, actualSizeBytes },
  );
}

const describe = (target: ArtifactTarget): string =>
  `version ${target.version.version} of registered model "${target.version.name}"`;

/**
 * What the version was registered with, while nothing was uploaded yet: once bytes are attached
 * the version shows those, and another upload is judged against the attachment instead.
 */
export const declaredOf = (target: ArtifactTarget) =>
  target.version.artifactUploadedAt === null ? target.version.artifact : null;
