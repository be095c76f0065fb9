import { BlobDigestMismatchError, BlobStore, readVerified } from '@ledger/blobs';
import { NotFoundError, ValidationError } from '@ledger/contracts';

/** Models are small enough to hold whole; this guards against a wrong digest naming a dataset. */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;
// Every ONNX writer puts ModelProto field 1 (ir_version, a varint) first: tag byte 0x08.
const ONNX_FIRST_BYTE = 0x08;

/**
 * The artifact's bytes, verified against their digest while read. NotFoundError: no such blob;
 * ValidationError: the bytes do not match the digest, or are not an ONNX model at all.
 */
export async function readModelArtifact(blobs: BlobStore, sha256: string): Promise<Uint8Array> {
  const blob = await readVerified(blobs, sha256);
  if (!blob) throw new NotFoundError(`no artifact with sha256 ${sha256} in the artifact store`, { sha256 });
  if (blob.sizeBytes > MAX_MODEL_BYTES) {
    blob.content.destroy();
    throw new ValidationError(
      `artifact ${sha256} is ${blob.sizeBytes} bytes, more than a model may be (${MAX_MODEL_BYTES})`,
    );
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of blob.content) chunks.push(chunk as Buffer);
  } catch (error) {
    if (error instanceof BlobDigestMismatchError)
      throw new ValidationError(
        `artifact ${sha256} does not match its digest (its bytes hash to ${error.actualSha256})`,
        {
          sha256,
        },
      );
    throw error;
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0 || bytes[0] !== ONNX_FIRST_BYTE)
    throw new ValidationError(
      `artifact ${sha256} is not an ONNX model (${bytes.length} bytes, first byte ${bytes[0] ?? 'none'})`,
      {
        sha256,
      },
    );
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
