import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BlobDigestMismatchError, BlobTooLargeError } from './blob-store';
import { DigestingLimiter, sha256Of, VerifyingStream } from './digest-streams';

const chunksOf = (data: Buffer, size: number) =>
  Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size));

/** Runs chunks through a transform; answers what came out and how it ended. */
async function run(transform: NodeJS.ReadWriteStream, chunks: Buffer[]): Promise<{ out: Buffer; error?: unknown }> {
  const out: Buffer[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (out.push(chunk), done()) });
  const error = await pipeline(Readable.from(chunks), transform, sink).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { out: Buffer.concat(out), error };
}

describe('digest streams', () => {
  const data = randomBytes(10_000);

  it('sha256Of is lower-case hex sha256', () => {
    expect(sha256Of('test')).toBe('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
  });

  it('DigestingLimiter passes bytes through and reports their digest and size', async () => {
    const limiter = new DigestingLimiter(data.length);
    const { out, error } = await run(limiter, chunksOf(data, 999));
    expect(error).toBeUndefined();
    expect(out.equals(data)).toBe(true);
    expect({ sha256: limiter.digest(), size: limiter.sizeBytes }).toEqual({
      sha256: sha256Of(data),
      size: data.length,
    });
  });

  it('DigestingLimiter fails as soon as the limit is passed, not at the end', async () => {
    const { out, error } = await run(new DigestingLimiter(2500), chunksOf(data, 1000));
    expect(error).toBeInstanceOf(BlobTooLargeError);
    expect(out.length).toBe(2000);
  });

  it('VerifyingStream passes intact content through whole', async () => {
    const { out, error } = await run(new VerifyingStream(sha256Of(data), data.length), chunksOf(data, 1000));
    expect(error).toBeUndefined();
    expect(out.equals(data)).toBe(true);
  });

  it.each([
    ['a changed byte', Buffer.concat([data.subarray(0, 5000), Buffer.from([data[5000] ^ 1]), data.subarray(5001)])],
    ['a missing tail', data.subarray(0, 9000)],
  ])('VerifyingStream never lets the last chunk of content with %s out', async (_what, stored) => {
    const { out, error } = await run(new VerifyingStream(sha256Of(data), data.length), chunksOf(stored, 1000));
    expect(error).toBeInstanceOf(BlobDigestMismatchError);
    expect(out.length).toBeLessThan(stored.length);
  });

  it('VerifyingStream of a single chunk sends nothing before it is verified', async () => {
    const { out, error } = await run(new VerifyingStream(sha256Of('other'), data.length), [data]);
    expect(error).toBeInstanceOf(BlobDigestMismatchError);
    expect(out.length).toBe(0);
  });
});
