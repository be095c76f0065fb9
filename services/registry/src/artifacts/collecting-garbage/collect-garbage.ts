import { rm, stat } from 'node:fs/promises';
import { Queryable } from '@ledger/eventstore';
import { BlobClaims } from '../storing/blob-claims';
import { LocalBlobStore } from '@ledger/blobs';
import { isAttachedAnywhere } from '../storing/version-artifacts.table';
import { StoredBlob, storedBlobs, tempFiles } from './store-files';

/**
 * An upload writes its temp file as its bytes arrive and publishes it right after the last one,
 * and the rename into place keeps the temp file's mtime: a file older than this belongs to no
 * upload in flight (unless its client paused for that long, which then fails that upload).
 */
export const DEFAULT_OLDER_THAN_MS = 60 * 60 * 1000;

/** What the collector works on: the local store's files, the claims every registry process takes, the registry's database. */
export interface GarbageContext {
  store: LocalBlobStore;
  claims: BlobClaims;
  db: Queryable;
}

export interface GarbageOptions {
  /** Only files last written longer ago than this are candidates (default one hour). */
  olderThanMs?: number;
  /** Decide as for real, delete nothing: `deleted` then lists what would be. */
  dryRun?: boolean;
}

export interface GarbageReport {
  root: string;
  dryRun: boolean;
  olderThanMs: number;
  scannedBlobs: number;
  /** Old blobs that some version references: kept. */
  referenced: number;
  /** Unreferenced blobs removed (or, dry run, that would be). */
  deleted: string[];
  /** Old blobs whose digest an upload in some process has claimed: kept. */
  keptClaimed: number;
  /** Blobs last written within the threshold: kept without looking further. */
  keptYoung: number;
  tempFilesRemoved: number;
  /** Bytes of the deleted blobs and removed temp files. */
  bytesFreed: number;
}

type Verdict = 'deleted' | 'referenced' | 'claimed' | 'young' | 'gone';

/**
 * Removes blobs no version references (a refused upload whose discard lost a race, a process that
 * died between publishing and attaching) and temp files interrupted uploads left behind.
 *
 * A blob goes only the way discardIfOrphaned removes one, so the same guarantees hold against
 * every registry process sharing the database and the store: with its digest locked exclusively
 * (no upload holds a claim, and none can publish it meanwhile), after checking on that locking
 * session that no version references it. A projection rebuild resets and refills
 * version_artifacts in one transaction, so the check never sees it half rebuilt.
 */
export async function collectGarbage(context: GarbageContext, options: GarbageOptions = {}): Promise<GarbageReport> {
  const olderThanMs = options.olderThanMs ?? DEFAULT_OLDER_THAN_MS;
  if (!Number.isFinite(olderThanMs) || olderThanMs <= 0)
    throw new RangeError(`olderThanMs must be a positive number, not ${olderThanMs}`);
  const dryRun = options.dryRun ?? false;
  const cutoff = Date.now() - olderThanMs;
  const report: GarbageReport = {
    root: context.store.root,
    dryRun,
    olderThanMs,
    scannedBlobs: 0,
    referenced: 0,
    deleted: [],
    keptClaimed: 0,
    keptYoung: 0,
    tempFilesRemoved: 0,
    bytesFreed: 0,
  };
  if (!dryRun) await refuseWithoutReferences(context);
  for await (const blob of storedBlobs(context.store.root)) {
    report.scannedBlobs++;
    const { verdict, sizeBytes } = await sweepBlob(context, blob, cutoff, dryRun);
    tally(report, blob.sha256, verdict, sizeBytes);
  }
  await sweepTempFiles(context.store, cutoff, dryRun, report);
  return report;
}

async function sweepBlob(
  context: GarbageContext,
  blob: StoredBlob,
  cutoff: number,
  dryRun: boolean,
): Promise<{ verdict: Verdict; sizeBytes: number }> {
  const info = await statIfPresent(blob.path);
  // Discarded meanwhile by a refused upload: nothing left to decide.
  if (!info) return { verdict: 'gone', sizeBytes: 0 };
  // Not even asking for the lock: a young blob may have just been published by a registry from
  // before blob claims (see discardIfOrphaned), which only its age protects.
  if (info.mtimeMs >= cutoff) return { verdict: 'young', sizeBytes: info.size };
  const seen = { referenced: false };
  // A dry run takes the lock too, so it reports what a real run would decide; it holds it for
  // one indexed query, the only wait it costs an upload of the same bytes.
  const locked = await context.claims.ifUnclaimed(blob.sha256, async (session) => {
    // On the locking session, after the lock: every attach that claimed the digest has committed.
    seen.referenced = await isAttachedAnywhere(session, blob.sha256);
    if (!seen.referenced && !dryRun) await context.store.discard(blob.sha256);
  });
  if (!locked) return { verdict: 'claimed', sizeBytes: info.size };
  return { verdict: seen.referenced ? 'referenced' : 'deleted', sizeBytes: info.size };
}

/**
 * A store full of blobs that no version of this database references is far more likely a wrong
 * DATABASE_URL (a fresh or another registry's database) than garbage: deleting would wipe it.
 */
async function refuseWithoutReferences(context: GarbageContext): Promise<void> {
  const [{ any }] = await context.db.query(`SELECT EXISTS (SELECT 1 FROM version_artifacts) AS any`);
  if (any) return;
  for await (const blob of storedBlobs(context.store.root)) {
    throw new Error(
      `no version in this database references any blob, yet ${context.store.root} holds some (${blob.sha256}, …): ` +
        'is DATABASE_URL the database of the registry that owns this store? Nothing was deleted.',
    );
  }
}

function tally(report: GarbageReport, sha256: string, verdict: Verdict, sizeBytes: number): void {
  if (verdict === 'deleted') {
    report.deleted.push(sha256);
    report.bytesFreed += sizeBytes;
  } else if (verdict === 'referenced') report.referenced++;
  else if (verdict === 'claimed') report.keptClaimed++;
  else if (verdict === 'young') report.keptYoung++;
}

/**
 * Temp files are private to the upload writing them, and it writes them continuously: an old one
 * was left by an upload that died (put removes its temp file in every other case).
 */
async function sweepTempFiles(
  store: LocalBlobStore,
  cutoff: number,
  dryRun: boolean,
  report: GarbageReport,
): Promise<void> {
  for (const temp of await tempFiles(store.tempDir)) {
    const info = await statIfPresent(temp);
    if (!info || info.mtimeMs >= cutoff) continue;
    if (!dryRun) await rm(temp, { force: true });
    report.tempFilesRemoved++;
    report.bytesFreed += info.size;
  }
}

async function statIfPresent(path: string): Promise<{ mtimeMs: number; size: number } | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
