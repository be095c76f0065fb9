import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Readable as ReadableStream } from 'node:stream';
import { TarEntry, TarEvent, TarReader } from './tar-format.domain';

/** A blob that is not a (gzipped) tar archive is one file of this name. */
export const SINGLE_FILE = 'artifact';
const GZIP = [0x1f, 0x8b];

/**
 * The uploaded artifact as the files MLflow's artifact routes serve: a tar or tar.gz archive
 * (a model directory, as `tar czf model.tar.gz -C <dir> .` or Python's tarfile write it) is
 * its entries; any other blob is one file. `content` is the blob read through readVerified,
 * so the stream fails before its end when the stored bytes do not match the digest: a
 * consumer has seen every event of a sound artifact only once iteration completes.
 */
export async function* artifactEvents(content: Readable, sizeBytes: number): AsyncGenerator<TarEvent> {
  try {
    const chunks = content[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const head = await firstBytes(chunks, 512);
    const rest = replay(head, chunks);
    if (head[0] === GZIP[0] && head[1] === GZIP[1]) {
      yield* tarEvents(ReadableStream.from(rest).pipe(createGunzip()));
    } else if (head.subarray(257, 262).toString('latin1') === 'ustar') {
      yield* tarEvents(rest);
    } else {
      yield { kind: 'entry', entry: { path: SINGLE_FILE, sizeBytes, kind: 'file' } };
      for await (const bytes of rest) if (bytes.length > 0) yield { kind: 'data', bytes };
    }
  } finally {
    // A reader that stops early (one file found, a client gone) must not leave the blob open.
    content.destroy();
  }
}

/** Every entry of the artifact, read to its end (so verified). */
export async function artifactEntries(content: Readable, sizeBytes: number): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  for await (const event of artifactEvents(content, sizeBytes)) if (event.kind === 'entry') entries.push(event.entry);
  return entries;
}

async function* tarEvents(source: AsyncIterable<Buffer>): AsyncGenerator<TarEvent> {
  const reader = new TarReader();
  for await (const chunk of source) yield* reader.push(chunk);
  reader.finish();
}

async function firstBytes(chunks: AsyncIterator<Buffer>, atLeast: number): Promise<Buffer> {
  const taken: Buffer[] = [];
  let length = 0;
  while (length < atLeast) {
    const next = await chunks.next();
    if (next.done) break;
    taken.push(next.value);
    length += next.value.length;
  }
  return Buffer.concat(taken);
}

async function* replay(head: Buffer, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
}
