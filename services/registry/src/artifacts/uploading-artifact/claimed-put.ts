import { Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { PutOptions, PutResult } from '@ledger/blobs';
import { ArtifactsContext } from '../storing/artifacts.context';
import { ReleaseClaim } from '../storing/blob-claims';
import { isAttachedAnywhere } from '../storing/version-artifacts.table';

const logger = new Logger('Artifacts');

export interface ClaimedPut {
  stored: PutResult;
  /** Ends the claim: call once the attachment is committed, or before discarding. Idempotent, never throws. */
  release: ReleaseClaim;
}

/**
 * Stores the content with its digest claimed (BlobClaims: a shared advisory lock) from just
 * before it becomes visible until the caller releases it, so no refused upload of the same
 * bytes, in this process or another sharing the store, discards it in between.
 */
export async function putClaimed(
  context: ArtifactsContext,
  content: Readable,
  options: Omit<PutOptions, 'beforePublish'>,
): Promise<ClaimedPut> {
  let release: ReleaseClaim = async () => undefined;
  const beforePublish = async (sha256: string) => {
    release = await context.claims.claim(sha256);
  };
  try {
    const stored = await context.store.put(content, { ...options, beforePublish });
    return { stored, release: () => release() };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * After a refused upload, with its own claim released: removes its blob when this upload created
 * it, no upload in any process holds a claim on the digest and no version references it, so a
 * refusal leaves no orphan.
 *
 * Guaranteed: a blob that an upload anywhere has published and not yet finished attaching is
 * never discarded (its claim makes the exclusive lock unavailable), and an upload that publishes
 * while a discard runs waits for it and then publishes its own copy. A blob a version references
 * is never discarded (checked under the exclusive lock, after every attach that claimed it has
 * committed). This holds across every registry process that shares the database and the store.
 *
 * Not guaranteed: a blob that two refused uploads both published may stay (the second did not
 * create it, the first saw its claim), and so may a blob whose discard failed: both only cost
 * space, for a garbage collector. A claim whose database session dies before the attach commits
 * ends with it (the server drops its locks), and a process running a registry from before these
 * locks takes no claims: in both cases that upload's blob can be discarded under it again.
 */
export async function discardIfOrphaned(context: ArtifactsContext, stored: PutResult): Promise<void> {
  if (!stored.created) return;
  const { sha256 } = stored;
  try {
    await context.claims.ifUnclaimed(sha256, async (session) => {
      if (await isAttachedAnywhere(session, sha256)) return;
      await context.store.discard(sha256);
    });
  } catch (error) {
    // The refusal stays the answer: a blob left behind only costs space.
    logger.warn(`could not discard the unattached blob ${sha256}: ${(error as Error).message}`);
  }
}
