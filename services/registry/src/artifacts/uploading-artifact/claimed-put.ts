import { Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { PutOptions, PutResult } from '../storing/artifact-store';
import { ArtifactsContext } from '../storing/artifacts.context';
import { isAttachedAnywhere } from '../storing/version-artifacts.table';

const logger = new Logger('Artifacts');

export interface ClaimedPut {
  stored: PutResult;
  /** Ends the claim: call once the attachment is committed, or before discarding. Idempotent. */
  release(): void;
}

/**
 * Stores the content with its digest claimed from just before it becomes visible until the
 * caller releases it, so no refused upload of the same bytes discards it in between.
 */
export async function putClaimed(context: ArtifactsContext, content: Readable, options: Omit<PutOptions, 'beforePublish'>): Promise<ClaimedPut> {
  let release = (): void => undefined;
  const beforePublish = (sha256: string) =>
    context.claims.exclusive(sha256, async () => {
      release = context.claims.claim(sha256);
    });
  try {
    const stored = await context.store.put(content, { ...options, beforePublish });
    return { stored, release: () => release() };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * After a refused upload: removes its blob when this upload created it, no upload in this process
 * holds a claim on the digest and no version references it, so a refusal leaves no orphan.
 *
 * Remaining race: claims are per process. With several registry processes sharing one store, an
 * upload of the same bytes in another process can publish after this one (dedup'd onto this very
 * file) and attach after the version_artifacts check below; its blob is then gone. Downloads and
 * verify report that as ARTIFACT_CORRUPTED (reason missing) and uploading the same bytes again
 * repairs it. A blob that two refused uploads both published may stay, for a garbage collector.
 */
export async function discardIfOrphaned(context: ArtifactsContext, stored: PutResult): Promise<void> {
  if (!stored.created) return;
  const { sha256 } = stored;
  try {
    await context.claims.exclusive(sha256, async () => {
      if (context.claims.isClaimed(sha256) || (await isAttachedAnywhere(context.db, sha256))) return;
      await context.store.discard(sha256);
    });
  } catch (error) {
    // The refusal stays the answer: a blob left behind only costs space.
    logger.warn(`could not discard the unattached blob ${sha256}: ${(error as Error).message}`);
  }
}
