import type { ServerResponse } from 'node:http';
import { OpenedBlob, verifiedContent } from '@ledger/blobs';

/**
 * Writes the blob to the response, verified while it streams, honouring back-pressure. Rejects
 * with BlobDigestMismatchError when the bytes are wrong; the caller then still knows from
 * res.headersSent whether it can answer with an error or must cut the connection. A client that
 * goes away simply stops the copy.
 */
export async function sendVerified(
  blob: OpenedBlob,
  sha256: string,
  sizeBytes: number,
  res: ServerResponse,
): Promise<void> {
  for await (const chunk of verifiedContent(blob, sha256, sizeBytes)) {
    if (res.destroyed) return; // leaving the loop destroys the pipeline and closes the file
    if (!res.write(chunk)) await drainOrClose(res);
  }
  if (!res.destroyed) res.end();
}

export function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
