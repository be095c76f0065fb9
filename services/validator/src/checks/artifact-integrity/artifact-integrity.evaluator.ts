import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobDigestMismatchError, BlobStore, verifiedContent } from '@ledger/blobs';
import type { Artifact } from '@ledger/contracts';
import { CheckEvaluator, checkEvaluator } from '../check-evaluator';
import { Evidence } from '../reading-evidence/evidence';
import { artifactIntegrityFinding, Rehash } from './artifact-integrity.domain';

/** Reads the stored artifact to its end through the verifying stream: the digest and size are checked, never trusted. */
export async function rehash(store: BlobStore, artifact: Artifact): Promise<Rehash> {
  const blob = await store.get(artifact.sha256);
  if (!blob) return { status: 'missing' };
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(verifiedContent(blob, artifact.sha256, artifact.sizeBytes), discard);
    return { status: 'intact', sizeBytes: blob.sizeBytes };
  } catch (error) {
    if (!(error instanceof BlobDigestMismatchError)) throw error;
    return { status: 'mismatch', actualSha256: error.actualSha256, sizeBytes: error.sizeBytes };
  }
}

export const artifactIntegrityEvaluator = (evidence: Evidence): CheckEvaluator =>
  checkEvaluator('artifact_integrity', async (check, { subject }) =>
    artifactIntegrityFinding(
      subject.artifact,
      check.require_artifact,
      subject.artifact && (await rehash(evidence.artifacts, subject.artifact)),
    ),
  );
