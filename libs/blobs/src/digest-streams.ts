import { createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { BlobDigestMismatchError, BlobTooLargeError } from './blob-store';

/** sha256 (lower-case hex) of bytes already in memory: for tests and small inputs only. */
export const sha256Of = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Passes bytes through while hashing and counting them, and fails with BlobTooLargeError as
 * soon as more than maxBytes went by: the limit holds for chunked uploads with no declared length.
 */
export class DigestingLimiter extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** Only meaningful once the stream has finished. */
  digest(): string {
    return this.hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return done(new BlobTooLargeError(this.maxBytes));
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Passes stored bytes through to a reader while hashing them, and always holds back the latest
 * chunk until the whole content has been hashed. If the digest or size is wrong the stream fails
 * before its last chunk leaves, so a reader sent a Content-Length never receives a complete body
 * of wrong bytes: the download is visibly cut short instead of silently corrupt.
 */
export class VerifyingStream extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private held: Buffer | undefined;
  private bytes = 0;

  constructor(
    private readonly expectedSha256: string,
    private readonly expectedSizeBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    const previous = this.held;
    this.held = chunk;
    done(null, previous);
  }

  override _flush(done: TransformCallback): void {
    const actual = this.hash.digest('hex');
    if (actual !== this.expectedSha256 || this.bytes !== this.expectedSizeBytes) {
      return done(new BlobDigestMismatchError(this.expectedSha256, actual, this.bytes));
    }
    done(null, this.held);
  }
}
