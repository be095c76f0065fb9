import { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { contentPath, isSha256 } from '@ledger/blobs';

/** A blob file of the local store, by its digest and absolute path. */
export interface StoredBlob {
  sha256: string;
  path: string;
}

/**
 * Every blob below <root>/sha256/ab/cd/<digest>, one directory at a time so a large store is
 * never listed whole in memory. A file is a blob only where contentPath puts its name: anything
 * else (a stray file, a name that is not a digest) is not the collector's to judge.
 */
export async function* storedBlobs(root: string): AsyncGenerator<StoredBlob> {
  for (const first of await subdirectories(join(root, 'sha256'))) {
    for (const second of await subdirectories(first)) {
      for (const entry of await entries(second)) {
        if (!entry.isFile() || !isSha256(entry.name)) continue;
        const path = join(second, entry.name);
        if (path === join(root, contentPath(entry.name))) yield { sha256: entry.name, path };
      }
    }
  }
}

/** The store's temp files (<root>/tmp/<uuid>.part): uploads in flight, or left by interrupted ones. */
export async function tempFiles(tempDir: string): Promise<string[]> {
  return (await entries(tempDir))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.part'))
    .map((entry) => join(tempDir, entry.name));
}

async function subdirectories(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((entry) => entry.isDirectory()).map((entry) => join(dir, entry.name));
}

/** A directory's entries; none when it does not exist (yet: an empty store has no sha256/ or tmp/). */
async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
