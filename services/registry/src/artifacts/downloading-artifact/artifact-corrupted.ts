import { Logger } from '@nestjs/common';
import { LedgerError } from '@ledger/contracts';
import { ArtifactsContext, CorruptionReason } from '../storing/artifacts.context';
import { ArtifactTarget } from '../storing/artifact-target';
import { VersionArtifact } from '../storing/version-artifacts.table';

/**
 * The stored bytes no longer match the digest recorded at upload (tampering, bit rot, a lost
 * file). A Conflict (409), not a 500: the request is sound and the server works; the resource's
 * stored state contradicts its record, and a client can repair it by uploading the same content
 * again. The platform answers every 500 with a generic message, which would hide exactly this.
 */
export class ArtifactCorruptedError extends LedgerError {
  readonly kind = 'Conflict';
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'ARTIFACT_CORRUPTED', details);
  }
}

export interface CorruptionFinding {
  reason: CorruptionReason;
  actualSha256?: string;
  sizeBytes?: number;
}

const logger = new Logger('Artifacts');

/** Logs and counts a corrupted artifact, and answers the error that describes it. */
export function reportCorruption(
  context: ArtifactsContext,
  target: ArtifactTarget,
  artifact: VersionArtifact,
  finding: CorruptionFinding,
): ArtifactCorruptedError {
  const { name, version } = target.version;
  context.corruptions.inc({ reason: finding.reason });
  const what = finding.reason === 'missing' ? 'is missing from the store' : 'does not match its sha256';
  const details = { expectedSha256: artifact.sha256, expectedSizeBytes: artifact.sizeBytes, ...finding };
  logger.error(`artifact of version ${version} of registered model "${name}" ${what}: ${JSON.stringify(details)}`);
  return new ArtifactCorruptedError(
    `the stored artifact of version ${version} of registered model "${name}" ${what}: re-upload the same content to repair it`,
    details,
  );
}
