import type { Readable } from 'node:stream';

/** What a store answers once content is durable. */
export interface StoredBlob {
  /** Lower-case hex sha256 of the bytes, computed by the store while they streamed in. */
  sha256: string;
  sizeBytes: number;
  /** Where the bytes live, in the store's own scheme (file:///…, s3://bucket/key). */
  uri: string;
}

export interface PutOptions {
  /** The stream is refused with BlobTooLargeError as soon as it exceeds this many bytes. */
  maxBytes: number;
  /** When given (lower-case hex), a different digest is refused and nothing is kept. */
  expectedSha256?: string;
  /**
   * Awaited once the content is durable and its digest known, just before it becomes visible
   * under that digest: the uploader claims the digest here, so a concurrent discard of the same
   * digest in any process (BlobClaims) either finishes first or sees the claim.
   */
  beforePublish?: (sha256: string) => Promise<void>;
}

export interface PutResult extends StoredBlob {
  /** True when no blob with this digest existed before this put: only then may its caller discard it. */
  created: boolean;
}

export interface OpenedBlob {
  sizeBytes: number;
  /** The bytes exactly as stored: NOT verified. Readers verify with readVerified / verifiedContent. */
  content: Readable;
}

export type VerifyResult =
  | { status: 'ok'; sizeBytes: number }
  | { status: 'corrupted'; sizeBytes: number; actualSha256: string }
  | { status: 'missing' };

/**
 * A content-addressed blob store: content is named by its sha256, so identical content is kept
 * once and a name can never point at other bytes. The contract every adapter (local disk, an
 * S3-compatible bucket) must honour:
 *
 * - put: consumes the stream once, never holding it whole in memory; computes sha256 while
 *   streaming; stops reading and refuses with BlobTooLargeError past maxBytes; refuses with
 *   BlobDigestMismatchError when expectedSha256 differs. A refused or failed put leaves
 *   nothing visible under any digest (temp file, or an S3 multipart upload aborted / a temp key
 *   deleted). Content becomes visible under its digest atomically and only once durable (local:
 *   fsync + rename; S3: CompleteMultipartUpload or CopyObject from a temp key). Putting content
 *   that already exists succeeds and answers the same digest and uri (deduplication). put must
 *   not destroy the source stream on refusal: the HTTP edge still has to answer on its socket.
 * - get: the bytes and their stored size, or undefined when the digest is unknown. It does not
 *   verify; callers that must not trust the medium read through readVerified / verifiedContent.
 * - stat: the stored size without reading the content, or undefined.
 * - verify: reads everything back and compares with the digest (tampering, bit rot).
 * - discard: removes a blob (no-op when absent). Blobs are shared by everything that references the same
 *   content, so callers discard only what they just created and nothing references (the
 *   registry's discardIfOrphaned); anything older is for a garbage collector.
 */
export interface BlobStore {
  put(content: Readable, options: PutOptions): Promise<PutResult>;
  get(sha256: string): Promise<OpenedBlob | undefined>;
  stat(sha256: string): Promise<{ sizeBytes: number } | undefined>;
  verify(sha256: string): Promise<VerifyResult>;
  discard(sha256: string): Promise<void>;
  uriOf(sha256: string): string;
}

/** The stream grew past PutOptions.maxBytes; what was read so far has been discarded. */
export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`content is larger than the limit of ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** The content's digest is not the one the caller announced (put) or the one recorded (read). */
export class BlobDigestMismatchError extends Error {
  constructor(
    readonly expectedSha256: string,
    readonly actualSha256: string,
    readonly sizeBytes: number,
  ) {
    super(`content has sha256 ${actualSha256}, expected ${expectedSha256}`);
    this.name = 'BlobDigestMismatchError';
  }
}
