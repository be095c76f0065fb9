import { randomBytes } from 'node:crypto';
import { chmod, open, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ArtifactsUnderTest, startArtifactsRegistry } from './artifacts.harness';
import { contentPath, sha256Of } from '@ledger/blobs';

const octets = { 'content-type': 'application/octet-stream' };
const path = (model: string, version: number) => `/api/v1/models/${model}/versions/${version}/artifact`;

describe('artifacts: integrity of stored bytes', () => {
  let t: ArtifactsUnderTest;
  let logged: jest.SpyInstance;

  beforeAll(async () => {
    t = await startArtifactsRegistry('registry_artifact_integrity');
  });
  afterAll(() => t.close());
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  async function uploaded(model: string, content: Buffer): Promise<{ version: number; file: string }> {
    const version = await t.createVersion(model);
    expect((await t.send('PUT', path(model, version), content, octets)).status).toBe(201);
    return { version, file: join(t.dir, contentPath(sha256Of(content))) };
  }

  /** Overwrites bytes in place, keeping the size: only the digest can tell. */
  async function tamper(file: string, at: number): Promise<void> {
    await chmod(file, 0o644);
    const handle = await open(file, 'r+');
    await handle.write(Buffer.from('tampered'), 0, 8, at);
    await handle.close();
  }

  const mismatches = async (reason: string) => {
    const metrics = (await t.send('GET', '/metrics')).body.toString();
    const line = metrics
      .split('\n')
      .find((l) => l.startsWith('ledger_artifact_digest_mismatch_total') && l.includes(`reason="${reason}"`));
    return Number(line?.split(' ').pop() ?? 0);
  };

  it('cuts a download short when the bytes on disk were tampered with, and verify reports ARTIFACT_CORRUPTED', async () => {
    const content = randomBytes(2 * 1024 * 1024);
    const { version, file } = await uploaded('tampered', content);
    await tamper(file, content.length - 100);
    const before = await mismatches('digest');

    const download = await t.send('GET', path('tampered', version));
    expect(download.status).toBe(200); // the status line left before the last bytes were hashed
    expect(download.complete).toBe(false);
    expect(download.body.length).toBeLessThan(content.length);

    const verify = await t.send('GET', `${path('tampered', version)}/verify`);
    expect(verify.status).toBe(409);
    expect(t.json(verify)).toMatchObject({
      error_code: 'ARTIFACT_CORRUPTED',
      details: { expectedSha256: sha256Of(content), reason: 'digest' },
    });
    expect(t.json(verify).details.actualSha256).not.toBe(sha256Of(content));
    expect(await mismatches('digest')).toBe(before + 2);
    expect(logged).toHaveBeenCalledWith(
      expect.stringMatching(/registered model "tampered" does not match its sha256: .*"actualSha256"/),
    );
  });

  it('answers a small tampered artifact with 409 before any byte is sent', async () => {
    const content = randomBytes(10_000);
    const { version, file } = await uploaded('small', content);
    await tamper(file, 0);
    const download = await t.send('GET', path('small', version));
    expect({ status: download.status, code: t.json(download).error_code }).toEqual({
      status: 409,
      code: 'ARTIFACT_CORRUPTED',
    });
  });

  it('refuses to serve a stored file whose size changed, and one that is gone', async () => {
    const content = randomBytes(200_000);
    const { version, file } = await uploaded('truncated', content);
    await chmod(file, 0o644);
    await truncate(file, 1000);
    const download = await t.send('GET', path('truncated', version));
    expect({ status: download.status, code: t.json(download).error_code }).toEqual({
      status: 409,
      code: 'ARTIFACT_CORRUPTED',
    });

    const other = await uploaded('vanished', randomBytes(100));
    await rm(other.file);
    const gone = await t.send('GET', `${path('vanished', other.version)}/verify`);
    expect({ status: gone.status, code: t.json(gone).error_code, reason: t.json(gone).details.reason }).toEqual({
      status: 409,
      code: 'ARTIFACT_CORRUPTED',
      reason: 'missing',
    });
  });

  it('answers HEAD from the recorded attachment without opening the stored bytes (GET and verify check them)', async () => {
    const content = randomBytes(150_000);
    const { version, file } = await uploaded('described', content);
    await rm(file);
    const head = await t.send('HEAD', path('described', version));
    expect({ status: head.status, body: head.body.length }).toEqual({ status: 200, body: 0 });
    expect(head.headers).toMatchObject({
      'content-length': String(content.length),
      etag: `"${sha256Of(content)}"`,
      'x-content-sha256': sha256Of(content),
    });
    expect((await t.send('GET', path('described', version))).status).toBe(409);
  });

  it('repairs a corrupted blob when the same content is uploaded again', async () => {
    const content = randomBytes(300_000);
    const { version, file } = await uploaded('repaired', content);
    await tamper(file, 1234);
    expect((await t.send('GET', `${path('repaired', version)}/verify`)).status).toBe(409);
    expect((await t.send('PUT', path('repaired', version), content, octets)).status).toBe(200);
    expect(t.json(await t.send('GET', `${path('repaired', version)}/verify`))).toEqual({
      ok: true,
      sha256: sha256Of(content),
      sizeBytes: content.length,
    });
    const download = await t.send('GET', path('repaired', version));
    expect(download.complete && download.body.equals(content)).toBe(true);
  });
});
