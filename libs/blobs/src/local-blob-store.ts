import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { OpenedBlob, BlobDigestMismatchError, BlobStore, PutOptions, PutResult, VerifyResult } from './blob-store';
import { contentPath } from './content-address';
import { DigestingLimiter } from './digest-streams';

/**
 * Content-addressed blobs on a local filesystem: <root>/sha256/ab/cd/<digest>, written to
 * <root>/tmp first (same filesystem, so the final rename is atomic), fsynced, then renamed into
 * place and the directory fsynced, so a crash leaves either the whole blob or none of it.
 */
export class LocalBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  get tempDir(): string {
    return join(this.root, 'tmp');
  }

  uriOf(sha256: string): string {
    return pathToFileURL(this.pathOf(sha256)).href;
  }

  async put(content: Readable, options: PutOptions): Promise<PutResult> {
    await mkdir(this.tempDir, { recursive: true });
    const temp = join(this.tempDir, `${randomUUID()}.part`);
    try {
      const { sha256, sizeBytes } = await this.writeTemp(content, temp, options.maxBytes);
      if (options.expectedSha256 !== undefined && options.expectedSha256 !== sha256) {
        throw new BlobDigestMismatchError(options.expectedSha256, sha256, sizeBytes);
      }
      await options.beforePublish?.(sha256);
      const created = (await this.stat(sha256)) === undefined;
      await this.moveIntoPlace(temp, sha256);
      return { sha256, sizeBytes, uri: this.uriOf(sha256), created };
    } finally {
      await rm(temp, { force: true });
    }
  }

  async get(sha256: string): Promise<OpenedBlob | undefined> {
    // One descriptor for the size and the bytes: a concurrent re-put cannot pair one blob's
    // size with another inode's content.
    const handle = await open(this.pathOf(sha256), 'r').catch(ifMissing(undefined));
    if (!handle) return undefined;
    const { size } = await handle.stat();
    return { sizeBytes: size, content: handle.createReadStream() };
  }

  async stat(sha256: string): Promise<{ sizeBytes: number } | undefined> {
    const info = await stat(this.pathOf(sha256)).catch(ifMissing(undefined));
    return info && { sizeBytes: info.size };
  }

  async discard(sha256: string): Promise<void> {
    // Only the directory entry needs write access: the read-only mode of the blob does not matter.
    await rm(this.pathOf(sha256), { force: true });
  }

  async verify(sha256: string): Promise<VerifyResult> {
    const digester = new DigestingLimiter(Number.MAX_SAFE_INTEGER);
    try {
      await pipeline(createReadStream(this.pathOf(sha256)), digester, devNull());
    } catch (error) {
      if (isMissing(error)) return { status: 'missing' };
      throw error;
    }
    const actual = digester.digest();
    const sizeBytes = digester.sizeBytes;
    return actual === sha256 ? { status: 'ok', sizeBytes } : { status: 'corrupted', sizeBytes, actualSha256: actual };
  }

  private pathOf(sha256: string): string {
    return join(this.root, contentPath(sha256));
  }

  /**
   * Streams into the temp file. The source is piped, not put in the pipeline: on refusal
   * (too large) it must stay open so the HTTP edge can still answer on its socket.
   */
  private async writeTemp(
    content: Readable,
    temp: string,
    maxBytes: number,
  ): Promise<{ sha256: string; sizeBytes: number }> {
    const digester = new DigestingLimiter(maxBytes);
    const forwardFailure = (error?: Error) => digester.destroy(error instanceof Error ? error : prematureClose());
    content.once('error', forwardFailure);
    content.once('aborted', forwardFailure);
    try {
      content.pipe(digester);
      await pipeline(digester, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      // Durable before visible: the rename must never publish bytes still in the page cache.
      await fsyncPath(temp);
      return { sha256: digester.digest(), sizeBytes: digester.sizeBytes };
    } finally {
      content.unpipe(digester);
      content.off('error', forwardFailure);
      content.off('aborted', forwardFailure);
    }
  }

  /**
   * Renames over an existing blob of the same digest rather than skipping it: the bytes are
   * identical by construction, and it repairs a blob that was corrupted on disk in the meantime.
   */
  private async moveIntoPlace(temp: string, sha256: string): Promise<void> {
    const target = this.pathOf(sha256);
    await mkdir(dirname(target), { recursive: true });
    await chmod(temp, 0o444);
    await rename(temp, target);
    await fsyncPath(dirname(target));
  }
}

/** fsync through a fresh descriptor: it flushes the inode (file data, or a directory's entries). */
async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const devNull = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';

const ifMissing =
  <T>(value: T) =>
  (error: unknown): T => {
    if (isMissing(error)) return value;
    throw error;
  };

function prematureClose(): Error {
  return Object.assign(new Error('upload ended before its body was complete'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}
