import type { Artifact } from '@ledger/contracts';
import { CheckFinding, finding } from '../check-evaluator';

/** What re-reading the stored artifact found. */
export type Rehash =
  | { status: 'intact'; sizeBytes: number }
  | { status: 'missing' }
  | { status: 'mismatch'; actualSha256: string; sizeBytes: number };

/**
 * The version's artifact, re-hashed, against the sha256 the registry recorded: a mismatch fails
 * (tampering, bit rot), hashes in details; a missing file is an error (the evidence is gone, not judged); no artifact
 * recorded leaves nothing to check — inconclusive, or failed when the policy requires one.
 */
export function artifactIntegrityFinding(
  artifact: Artifact | null,
  requireArtifact: boolean,
  rehash: Rehash | null,
): CheckFinding {
  if (artifact === null || rehash === null)
    return finding(
      requireArtifact ? 'failed' : 'inconclusive',
      `the version has no artifact recorded${requireArtifact ? ', and the policy requires one' : ': nothing to re-hash'}`,
      { details: { requireArtifact } },
    );
  const recorded = { sha256: artifact.sha256, sizeBytes: artifact.sizeBytes, uri: artifact.uri };
  if (rehash.status === 'missing')
    return finding('error', `the artifact ${artifact.sha256} is missing from the store`, {
      details: { recorded },
    });
  if (rehash.status === 'mismatch')
    return finding(
      'failed',
      `the stored artifact hashes to ${rehash.actualSha256} (${rehash.sizeBytes} bytes), not to the recorded ${artifact.sha256} (${artifact.sizeBytes} bytes)`,
      { details: { recorded, stored: rehash } },
    );
  return finding('passed', `the stored artifact hashes to the recorded sha256 ${artifact.sha256}`, {
    details: { recorded },
  });
}
