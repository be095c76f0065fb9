import type { ServerResponse } from 'node:http';
import { pipeline, Readable } from 'node:stream';
import { ArtifactBlob } from '../storing/artifact-store';
import { VerifyingStream } from '../storing/digest-streams';

/**
 * Writes the blob to the response through a VerifyingStream, honouring back-pressure. Rejects
 * with ArtifactDigestMismatchError when the bytes are wrong; the caller then still knows from
 * res.headersSent whether it can answer with an error or must cut the connection. A client that
 * goes away simply stops the copy.
 */
export async function sendVerified(
  blob: ArtifactBlob,
  sha256: string,
  sizeBytes: number,
  res: ServerResponse,
): Promise<void> {
  const verified: Readable = pipeline(blob.content, new VerifyingStream(sha256, sizeBytes), () => undefined);
  for await (const chunk of verified) {
    if (res.destroyed) return; // leaving the loop destroys the pipeline and closes the file
    if (!res.write(chunk)) await drainOrClose(res);
  }
  if (!res.destroyed) res.end();
}

function drainOrClose(res: ServerResponse): Promise<void> {
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
