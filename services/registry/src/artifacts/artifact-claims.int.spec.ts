import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { ArtifactsUnderTest, startArtifactsRegistry } from './artifacts.harness';
import { BLOB_LOCK_KEY, blobLockName } from './storing/blob-claims';
import { contentPath, sha256Of } from '@ledger/blobs';

const octets = { 'content-type': 'application/octet-stream' };
const path = (model: string, version: number) => `/api/v1/models/${model}/versions/${version}/artifact`;

/**
 * Another registry process sharing the store and the database is played by a plain pg session
 * taking the same advisory locks: what the registry under test must respect across processes.
 */
describe('artifacts: blob claims hold across registry processes', () => {
  let t: ArtifactsUnderTest;
  let otherProcess: Client;

  beforeAll(async () => {
    t = await startArtifactsRegistry('registry_artifact_claims');
    otherProcess = new Client({ connectionString: t.databaseUrl });
    await otherProcess.connect();
  });
  afterAll(async () => {
    await otherProcess.end();
    await t.close();
  });

  const lock = (fn: string, content: Buffer) =>
    otherProcess.query(`SELECT ${fn}(${BLOB_LOCK_KEY})`, [blobLockName(sha256Of(content))]);
  const blobs = async (content: Buffer) =>
    (await t.files()).filter((file) => file.startsWith('tmp/') || file.endsWith(sha256Of(content)));
  /** A version that already has other bytes: an upload of anything else is refused after publishing. */
  const taken = async (model: string) => {
    const version = await t.createVersion(model);
    expect((await t.send('PUT', path(model, version), randomBytes(100), octets)).status).toBe(201);
    return version;
  };

  it('keeps a refused blob that another process has claimed, and discards it once nobody has', async () => {
    const content = randomBytes(1800);
    const version = await taken('claimed-elsewhere');

    // The other process has published these bytes and not yet committed their attachment.
    await lock('pg_advisory_lock_shared', content);
    const refused = await t.send('PUT', path('claimed-elsewhere', version), content, octets);
    expect({ status: refused.status, code: t.json(refused).error_code }).toEqual({
      status: 400,
      code: 'RESOURCE_ALREADY_EXISTS',
    });
    expect(await blobs(content)).toEqual([contentPath(sha256Of(content))]);

    // Its upload was refused as well; it did not create the file, so the file stays for a garbage
    // collector. Once the file is gone and the claim released, a refused upload that creates it
    // again discards it: only the claim kept it above.
    await lock('pg_advisory_unlock_shared', content);
    await rm(join(t.dir, contentPath(sha256Of(content))));
    const again = await t.send('PUT', path('claimed-elsewhere', version), content, octets);
    expect(again.status).toBe(400);
    expect(await blobs(content)).toEqual([]);
  });

  it('publishes only after a discard of the same digest in another process has finished', async () => {
    const content = randomBytes(2200);
    const version = await t.createVersion('discarding-elsewhere');

    // The other process is discarding these bytes: the upload waits for it rather than publish
    // onto a file about to be removed.
    await lock('pg_advisory_lock', content);
    const upload = t.send('PUT', path('discarding-elsewhere', version), content, octets);
    await waitForBlockedClaim();
    // Durable in its temp file, not yet published.
    expect(await t.files()).not.toContain(contentPath(sha256Of(content)));

    await lock('pg_advisory_unlock', content);
    expect((await upload).status).toBe(201);
    const verified = t.json(await t.send('GET', `${path('discarding-elsewhere', version)}/verify`));
    expect(verified).toEqual({ ok: true, sha256: sha256Of(content), sizeBytes: content.length });
  });

  it('attaches a burst of uploads of the same bytes, more than the pool has connections', async () => {
    const content = randomBytes(1200);
    const versions: number[] = [];
    for (let i = 0; i < 30; i++) versions.push(await t.createVersion('burst'));
    // Each claim holds a connection while its attach needs another: unbounded, they would take
    // the whole pool (20) and wait for each other forever.
    const answers = await Promise.all(
      versions.map((version) => t.send('PUT', path('burst', version), content, octets)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(versions.map(() => 201));
    expect(await blobs(content)).toEqual([contentPath(sha256Of(content))]);
  });

  /** Until a session of this database waits for a shared advisory lock (the upload's claim). */
  async function waitForBlockedClaim(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const { rows } = await otherProcess.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ShareLock' AND NOT granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the upload never waited for its claim');
  }
});
