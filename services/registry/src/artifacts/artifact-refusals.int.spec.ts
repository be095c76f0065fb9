import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ArtifactsUnderTest, startArtifactsRegistry } from './artifacts.harness';
import { contentPath, sha256Of } from '@ledger/blobs';

const octets = { 'content-type': 'application/octet-stream' };
const path = (model: string, version: number) => `/api/v1/models/${model}/versions/${version}/artifact`;
const declared = (content: Buffer, sizeBytes = content.length) => ({
  artifact: { sha256: sha256Of(content), sizeBytes, uri: 's3://models/declared/model.onnx' },
});

describe('artifacts: refused uploads attach nothing and keep nothing', () => {
  let t: ArtifactsUnderTest;

  beforeAll(async () => {
    t = await startArtifactsRegistry('registry_artifact_refusals');
  });
  afterAll(() => t.close());

  /** Blobs of these contents (and temp files) still in the store. */
  const leftovers = async (...contents: Buffer[]) => {
    const digests = contents.map((c) => sha256Of(c));
    return (await t.files()).filter((file) => file.startsWith('tmp/') || digests.some((d) => file.endsWith(d)));
  };
  const attachedEvents = async (model: string) =>
    (
      await t.registry.db.query(`SELECT 1 FROM events WHERE event_type = 'ArtifactAttached' AND data->>'name' = $1`, [
        model,
      ])
    ).length;

  it('refuses a body not sent as bytes with 415 before storing it; bytes without a Content-Type are fine', async () => {
    const version = await t.createVersion('typed', '');
    const json = Buffer.from('{"not": "closed"');
    for (const type of ['application/json', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded']) {
      const refused = await t.send('PUT', path('typed', version), json, { 'content-type': type });
      expect({ status: refused.status, body: t.json(refused) }).toEqual({
        status: 415,
        body: {
          error_code: 'UNSUPPORTED_MEDIA_TYPE',
          message: `an artifact is sent as raw bytes (Content-Type: application/octet-stream), not "${type.split(';')[0]}"`,
        },
      });
    }
    expect(await leftovers(json)).toEqual([]);
    expect(await attachedEvents('typed')).toBe(0);
    expect((await t.send('PUT', path('typed', version), json, {})).status).toBe(201);
  });

  it('refuses bytes other than the artifact the version was registered with, naming both digests', async () => {
    const content = randomBytes(4000);
    const other = randomBytes(4000);
    const version = await t.createVersion('declared', '', declared(content));

    const refused = await t.send('PUT', path('declared', version), other, octets);
    expect({ status: refused.status, code: t.json(refused).error_code }).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER_VALUE',
    });
    expect(t.json(refused).message).toContain(sha256Of(content));
    expect(t.json(refused).message).toContain(sha256Of(other));
    expect(t.json(refused).details).toEqual({
      expectedSha256: sha256Of(content),
      actualSha256: sha256Of(other),
      expectedSizeBytes: 4000,
      actualSizeBytes: 4000,
    });
    expect(await leftovers(other)).toEqual([]);
    expect(await attachedEvents('declared')).toBe(0);
    expect((await t.send('GET', path('declared', version))).status).toBe(404);

    const accepted = await t.send('PUT', path('declared', version), content, octets);
    expect({ status: accepted.status, sha256: t.json(accepted).sha256 }).toEqual({
      status: 201,
      sha256: sha256Of(content),
    });
    expect((await t.send('GET', path('declared', version))).body.equals(content)).toBe(true);
  });

  it('refuses before reading the body when X-Content-SHA256 or Content-Length contradict the declaration', async () => {
    const content = randomBytes(3000);
    const other = randomBytes(3000);
    const version = await t.createVersion('declared-early', '', declared(content));

    const header = await t.send('PUT', path('declared-early', version), content, {
      ...octets,
      'x-content-sha256': sha256Of(other),
    });
    expect({ status: header.status, code: t.json(header).error_code }).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER_VALUE',
    });
    expect(t.json(header).message).toMatch(new RegExp(`${sha256Of(other)}.*${sha256Of(content)}`));

    const length = await t.send('PUT', path('declared-early', version), Readable.from([content.subarray(0, 10)]), {
      ...octets,
      'content-length': 10,
    });
    expect({ status: length.status, code: t.json(length).error_code }).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER_VALUE',
    });
    expect(t.json(length).message).toContain('Content-Length: 10 bytes');
    expect(await attachedEvents('declared-early')).toBe(0);

    const agreeing = await t.send('PUT', path('declared-early', version), content, {
      ...octets,
      'x-content-sha256': sha256Of(content),
    });
    expect(agreeing.status).toBe(201);
  });

  it('refuses the declared digest with another size (an inconsistent declaration) and discards the blob', async () => {
    const content = randomBytes(2000);
    const version = await t.createVersion('declared-size', '', declared(content, 1999));
    // Chunked, with no Content-Length: only the stored bytes can tell.
    const refused = await t.send('PUT', path('declared-size', version), Readable.from([content]), octets);
    expect({ status: refused.status, code: t.json(refused).error_code }).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER_VALUE',
    });
    expect(t.json(refused).details).toMatchObject({ expectedSizeBytes: 1999, actualSizeBytes: 2000 });
    expect(await leftovers(content)).toEqual([]);
    expect(await attachedEvents('declared-size')).toBe(0);
  });

  it('discards the bytes of an upload refused because the version already has other bytes', async () => {
    const first = randomBytes(1500);
    const second = randomBytes(1500);
    const version = await t.createVersion('orphans');
    expect((await t.send('PUT', path('orphans', version), first, octets)).status).toBe(201);
    const refused = await t.send('PUT', path('orphans', version), second, octets);
    expect({ status: refused.status, code: t.json(refused).error_code }).toEqual({
      status: 400,
      code: 'RESOURCE_ALREADY_EXISTS',
    });
    expect(await leftovers(second)).toEqual([]);
    expect((await leftovers(first)).length).toBe(1);
  });

  it('never discards content another version references, even when the refused upload re-created its file', async () => {
    const shared = randomBytes(2500);
    const owner = await t.createVersion('shared-owner');
    expect((await t.send('PUT', path('shared-owner', owner), shared, octets)).status).toBe(201);
    const taken = await t.createVersion('shared-other');
    expect((await t.send('PUT', path('shared-other', taken), randomBytes(100), octets)).status).toBe(201);
    // The file is lost, so the refused upload below is the one that creates it again.
    await rm(join(t.dir, contentPath(sha256Of(shared))));

    const refused = await t.send('PUT', path('shared-other', taken), shared, octets);
    expect(refused.status).toBe(400);
    expect(await leftovers(shared)).toEqual([contentPath(sha256Of(shared))]);
    expect(t.json(await t.send('GET', `${path('shared-owner', owner)}/verify`))).toEqual({
      ok: true,
      sha256: sha256Of(shared),
      sizeBytes: shared.length,
    });
  });
});
