import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BlobDigestMismatchError } from './blob-store';
import { contentPath } from './content-address';
import { sha256Of } from './digest-streams';
import { LocalBlobStore } from './local-blob-store';
import { readVerified } from './verified-read';

async function readAll(content: Readable): Promise<{ bytes: Buffer; error?: unknown }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of content) chunks.push(chunk);
    return { bytes: Buffer.concat(chunks) };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error };
  }
}

describe('a verified read of a blob', () => {
  const data = randomBytes(200_000);
  let root: string;
  let store: LocalBlobStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'ledger-blobs-'));
    store = new LocalBlobStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('streams the stored bytes whole when they hash to their address', async () => {
    const { sha256 } = await store.put(Readable.from([data]), { maxBytes: data.length });
    const blob = await readVerified(store, sha256);
    expect(blob?.sizeBytes).toBe(data.length);
    const { bytes, error } = await readAll(blob!.content);
    expect(error).toBeUndefined();
    expect(bytes.equals(data)).toBe(true);
  });

  it('fails the stream, naming both digests, when the stored bytes were changed', async () => {
    const { sha256 } = await store.put(Readable.from([data]), { maxBytes: data.length });
    const path = join(root, contentPath(sha256));
    const tampered = Buffer.from(data);
    tampered[100] ^= 1;
    await chmod(path, 0o644);
    await writeFile(path, tampered);

    const { bytes, error } = await readAll((await readVerified(store, sha256))!.content);
    expect(error).toBeInstanceOf(BlobDigestMismatchError);
    expect((error as BlobDigestMismatchError).message).toBe(
      `content has sha256 ${sha256Of(tampered)}, expected ${sha256}`,
    );
    expect(bytes.length).toBeLessThan(data.length);
  });

  it('answers undefined for a digest the store does not hold', async () => {
    expect(await readVerified(store, sha256Of('never stored'))).toBeUndefined();
  });
});
