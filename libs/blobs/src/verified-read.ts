import { pipeline, Readable } from 'node:stream';
import { BlobStore, OpenedBlob } from './blob-store';
import { VerifyingStream } from './digest-streams';

/**
 * The blob's bytes passed through a VerifyingStream: the stream fails with
 * BlobDigestMismatchError, before its last chunk, when the bytes do not hash to `sha256` or are
 * not `expectedSizeBytes` long. Destroying the answer closes the source.
 */
export function verifiedContent(blob: OpenedBlob, sha256: string, expectedSizeBytes = blob.sizeBytes): Readable {
  return pipeline(blob.content, new VerifyingStream(sha256, expectedSizeBytes), () => undefined);
}

/**
 * Opens a blob by its digest for a reader that must not trust the medium (a shared bucket, a
 * disk that rots): the content is checked against the address while it is read. Undefined when
 * the store has no blob with that digest.
 */
export async function readVerified(store: BlobStore, sha256: string): Promise<OpenedBlob | undefined> {
  const blob = await store.get(sha256);
  return blob && { sizeBytes: blob.sizeBytes, content: verifiedContent(blob, sha256) };
}
