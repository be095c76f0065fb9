import { randomBytes, randomUUID } from 'node:crypto';
import { access, chmod, mkdir, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { migrate, openDatabase } from '@ledger/eventstore';
import { freshDatabaseUrl } from '@ledger/testing';
import { registryMigrations } from '../../registry.service';
import { ArtifactsUnderTest, startArtifactsRegistry } from '../artifacts.harness';
import { BLOB_LOCK_KEY, blobLockName, BlobClaims } from '../storing/blob-claims';
import { contentPath, LocalBlobStore, sha256Of } from '@ledger/blobs';
import { collectGarbage, GarbageOptions } from './collect-garbage';

const octets = { 'content-type': 'application/octet-stream' };
const TWO_HOURS_AGO = () => new Date(Date.now() - 2 * 60 * 60 * 1000);

/**
 * Each test plants its own files in one registry's store and checks what became of them: a run
 * sweeps the whole store, so counts are only ever "at least".
 */
describe('artifacts: garbage collection', () => {
  let t: ArtifactsUnderTest;
  let otherProcess: Client;
  const collect = (options: GarbageOptions = {}) =>
    collectGarbage(
      { store: new LocalBlobStore(t.dir), claims: new BlobClaims(t.registry.db), db: t.registry.db },
      options,
    );

  beforeAll(async () => {
    t = await startArtifactsRegistry('registry_artifact_gc');
    otherProcess = new Client({ connectionString: t.databaseUrl });
    await otherProcess.connect();
    // A registry in use: some version references a blob (see the wrong-database test).
    const version = await t.createVersion('gc-in-use');
    expect(
      (await t.send('PUT', `/api/v1/models/gc-in-use/versions/${version}/artifact`, randomBytes(64), octets)).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await otherProcess.end();
    await t.close();
  });

  const blobPath = (sha256: string) => join(t.dir, contentPath(sha256));
  const exists = (path: string) =>
    access(path).then(
      () => true,
      () => false,
    );
  const makeOld = (path: string) => utimes(path, TWO_HOURS_AGO(), TWO_HOURS_AGO());

  /** A blob no version references, as a refused upload or a crash leaves it (read-only, like put). */
  async function plantOrphan(options: { old: boolean }): Promise<{ sha256: string; path: string; size: number }> {
    const content = randomBytes(1000 + Math.floor(Math.random() * 1000));
    const sha256 = sha256Of(content);
    const path = blobPath(sha256);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    await chmod(path, 0o444);
    if (options.old) await makeOld(path);
    return { sha256, path, size: content.length };
  }

  async function plantTemp(options: { old: boolean }): Promise<string> {
    const path = join(t.dir, 'tmp', `${randomUUID()}.part`);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, randomBytes(500));
    if (options.old) await makeOld(path);
    return path;
  }

  it('deletes an unreferenced blob older than the threshold', async () => {
    const orphan = await plantOrphan({ old: true });
    const report = await collect();
    expect(report.deleted).toContain(orphan.sha256);
    expect(report.bytesFreed).toBeGreaterThanOrEqual(orphan.size);
    expect(await exists(orphan.path)).toBe(false);
  });

  it('keeps a blob a version references, however old', async () => {
    const content = randomBytes(1500);
    const version = await t.createVersion('gc-referenced');
    expect(
      (await t.send('PUT', `/api/v1/models/gc-referenced/versions/${version}/artifact`, content, octets)).status,
    ).toBe(201);
    await makeOld(blobPath(sha256Of(content)));

    const report = await collect();
    expect(report.deleted).not.toContain(sha256Of(content));
    expect(report.referenced).toBeGreaterThanOrEqual(1);
    const verified = t.json(await t.send('GET', `/api/v1/models/gc-referenced/versions/${version}/artifact/verify`));
    expect(verified).toEqual({ ok: true, sha256: sha256Of(content), sizeBytes: content.length });
  });

  it('keeps an unreferenced blob younger than the threshold: it may be an upload about to attach', async () => {
    const orphan = await plantOrphan({ old: false });
    const report = await collect();
    expect(report.deleted).not.toContain(orphan.sha256);
    expect(report.keptYoung).toBeGreaterThanOrEqual(1);
    expect(await exists(orphan.path)).toBe(true);
  });

  it('keeps an old unreferenced blob that another process has claimed, and deletes it once released', async () => {
    const orphan = await plantOrphan({ old: true });
    // Another registry process has published these bytes and not yet committed their attachment.
    await otherProcess.query(`SELECT pg_advisory_lock_shared(${BLOB_LOCK_KEY})`, [blobLockName(orphan.sha256)]);
    try {
      const report = await collect();
      expect(report.deleted).not.toContain(orphan.sha256);
      expect(report.keptClaimed).toBeGreaterThanOrEqual(1);
      expect(await exists(orphan.path)).toBe(true);
    } finally {
      await otherProcess.query(`SELECT pg_advisory_unlock_shared(${BLOB_LOCK_KEY})`, [blobLockName(orphan.sha256)]);
    }
    // Only the claim kept it.
    expect((await collect()).deleted).toContain(orphan.sha256);
    expect(await exists(orphan.path)).toBe(false);
  });

  it('deletes nothing in a dry run, yet reports what it would', async () => {
    const orphan = await plantOrphan({ old: true });
    const temp = await plantTemp({ old: true });

    const report = await collect({ dryRun: true });
    expect(report).toMatchObject({ dryRun: true });
    expect(report.deleted).toContain(orphan.sha256);
    expect(report.tempFilesRemoved).toBeGreaterThanOrEqual(1);
    expect(report.bytesFreed).toBeGreaterThanOrEqual(orphan.size + 500);
    expect(await exists(orphan.path)).toBe(true);
    expect(await exists(temp)).toBe(true);
  });

  it('removes temp files older than the threshold and keeps younger ones (an upload writing)', async () => {
    const stale = await plantTemp({ old: true });
    const writing = await plantTemp({ old: false });
    const report = await collect();
    expect(report.tempFilesRemoved).toBeGreaterThanOrEqual(1);
    expect(await exists(stale)).toBe(false);
    expect(await exists(writing)).toBe(true);
  });

  it('walks an empty store without complaint', async () => {
    const empty = await collectGarbage({
      store: new LocalBlobStore(join(t.dir, 'nothing-here')),
      claims: new BlobClaims(t.registry.db),
      db: t.registry.db,
    });
    expect(empty).toMatchObject({
      scannedBlobs: 0,
      referenced: 0,
      deleted: [],
      keptClaimed: 0,
      keptYoung: 0,
      tempFilesRemoved: 0,
      bytesFreed: 0,
    });
  });

  it('refuses to delete anything when no version of the database references a blob, as with a wrong DATABASE_URL', async () => {
    const orphan = await plantOrphan({ old: true });
    const elsewhere = await openDatabase({ url: freshDatabaseUrl('registry_artifact_gc_wrong'), poolSize: 4 });
    try {
      await migrate(elsewhere, registryMigrations);
      const wrong = { store: new LocalBlobStore(t.dir), claims: new BlobClaims(elsewhere), db: elsewhere };
      await expect(collectGarbage(wrong)).rejects.toThrow(
        /is DATABASE_URL the database of the registry that owns this store\? Nothing was deleted/,
      );
      expect(await exists(orphan.path)).toBe(true);
      expect((await collectGarbage(wrong, { dryRun: true })).deleted).toContain(orphan.sha256);
    } finally {
      await elsewhere.destroy();
    }
  });
});
