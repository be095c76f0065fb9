import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ArtifactsUnderTest, startArtifactsRegistry } from './artifacts.harness';
import { sha256Of } from '@ledger/blobs';

const octets = { 'content-type': 'application/octet-stream' };
const path = (model: string, version: number) => `/api/v1/models/${model}/versions/${version}/artifact`;

describe('artifacts: upload and download', () => {
  let t: ArtifactsUnderTest;

  beforeAll(async () => {
    t = await startArtifactsRegistry('registry_artifacts', { maxBytes: 1024 * 1024 });
  });
  afterAll(() => t.close());

  it('round-trips an artifact: sha256 computed on upload, served with Content-Length and ETag, verified', async () => {
    const content = randomBytes(700_000); // several read chunks
    const version = await t.createVersion('churn');
    const put = await t.send('PUT', path('churn', version), content, octets);
    const sha256 = sha256Of(content);
    expect({ status: put.status, body: t.json(put) }).toEqual({
      status: 201,
      body: { sha256, sizeBytes: content.length, uri: expect.stringMatching(/^file:\/\//) },
    });
    expect(t.json(put).uri).toMatch(new RegExp(`/sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}$`));

    const get = await t.send('GET', path('churn', version));
    expect(get.status).toBe(200);
    expect(get.complete).toBe(true);
    expect(get.headers).toMatchObject({
      'content-length': String(content.length),
      etag: `"${sha256}"`,
      'content-type': 'application/octet-stream',
    });
    expect(get.body.equals(content)).toBe(true);

    expect((await t.send('GET', path('churn', version), undefined, { 'if-none-match': `"${sha256}"` })).status).toBe(
      304,
    );
    const head = await t.send('HEAD', path('churn', version));
    expect({ status: head.status, body: head.body.length }).toEqual({ status: 200, body: 0 });
    expect(head.headers).toMatchObject({
      'content-length': String(content.length),
      etag: `"${sha256}"`,
      'x-content-sha256': sha256,
      'repr-digest': `sha-256=:${Buffer.from(sha256, 'hex').toString('base64')}:`,
    });
    expect((await t.send('HEAD', path('churn', version), undefined, { 'if-none-match': `"${sha256}"` })).status).toBe(
      304,
    );
    const verify = await t.send('GET', `${path('churn', version)}/verify`);
    expect({ status: verify.status, body: t.json(verify) }).toEqual({
      status: 200,
      body: { ok: true, sha256, sizeBytes: content.length },
    });
  });

  it('accepts the same bytes again (200) but never replaces a version artifact with other bytes', async () => {
    const content = randomBytes(1000);
    const version = await t.createVersion('immutable');
    expect((await t.send('PUT', path('immutable', version), content, octets)).status).toBe(201);
    const again = await t.send('PUT', path('immutable', version), content, octets);
    expect({ status: again.status, sha256: t.json(again).sha256 }).toEqual({ status: 200, sha256: sha256Of(content) });
    const other = await t.send('PUT', path('immutable', version), randomBytes(1000), octets);
    expect({ status: other.status, code: t.json(other).error_code }).toEqual({
      status: 400,
      code: 'RESOURCE_ALREADY_EXISTS',
    });
    expect((await t.send('GET', path('immutable', version))).body.equals(content)).toBe(true);
  });

  it('records the attachment as one ArtifactAttached event on the model stream, with who uploaded it', async () => {
    const content = randomBytes(2000);
    const sha256 = sha256Of(content);
    const version = await t.createVersion('logged');
    const put = await t.send('PUT', path('logged', version), content, {
      ...octets,
      'x-actor': 'service:trainer',
      'x-correlation-id': 'corr-upload',
    });
    expect(put.status).toBe(201);
    expect((await t.send('PUT', path('logged', version), content, octets)).status).toBe(200);
    expect((await t.send('PUT', path('logged', version), randomBytes(10), octets)).status).toBe(400);
    const events: { data: Record<string, unknown>; metadata: Record<string, unknown> }[] = await t.registry.db.query(
      `SELECT data, metadata FROM events WHERE event_type = 'ArtifactAttached' AND data->>'name' = 'logged'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({
      modelId: expect.any(String),
      name: 'logged',
      version,
      sha256,
      sizeBytes: content.length,
      uri: t.json(put).uri,
    });
    expect(events[0].metadata).toMatchObject({
      actor: { kind: 'service', id: 'trainer' },
      correlationId: 'corr-upload',
    });
    const [row] = await t.registry.db.query(`SELECT uploaded_at FROM version_artifacts WHERE sha256 = $1`, [sha256]);
    expect((row.uploaded_at as Date).toISOString()).toBe(events[0].metadata.occurredAt);
  });

  it('stores identical content once, whatever versions it is attached to', async () => {
    const content = randomBytes(5000);
    const sha256 = sha256Of(content);
    const first = await t.send('PUT', path('dedup-a', await t.createVersion('dedup-a')), content, octets);
    const second = await t.send('PUT', path('dedup-b', await t.createVersion('dedup-b')), content, octets);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(t.json(second)).toEqual(t.json(first));
    expect((await t.files()).filter((file) => file.endsWith(sha256))).toEqual([
      `sha256/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`,
    ]);
  });

  it('checks X-Content-SHA256: a match is stored, a mismatch is 400 and stores nothing', async () => {
    const content = randomBytes(3000);
    const version = await t.createVersion('checked');
    const wrong = sha256Of('something else');
    const refused = await t.send('PUT', path('checked', version), content, { ...octets, 'x-content-sha256': wrong });
    expect(refused.status).toBe(400);
    expect(t.json(refused)).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      details: { expectedSha256: wrong, actualSha256: sha256Of(content) },
    });
    expect((await t.files()).filter((file) => file.endsWith(sha256Of(content)) || file.startsWith('tmp/'))).toEqual([]);
    expect((await t.send('GET', path('checked', version))).status).toBe(404);

    const malformed = await t.send('PUT', path('checked', version), content, { ...octets, 'x-content-sha256': 'abc' });
    expect({ status: malformed.status, code: t.json(malformed).error_code }).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER_VALUE',
    });
    const accepted = await t.send('PUT', path('checked', version), content, {
      ...octets,
      'x-content-sha256': sha256Of(content).toUpperCase(),
    });
    expect(accepted.status).toBe(201);
  });

  it('answers 404 for an unknown model or version, and 400 for a malformed version', async () => {
    await t.createVersion('known');
    for (const [p, status, message] of [
      [path('ghost', 1), 404, 'registered model "ghost" does not exist'],
      [path('known', 9), 404, 'version 9 of registered model "known" does not exist'],
      ['/api/v1/models/known/versions/abc/artifact', 400, 'version: must be a positive integer'],
    ] as const) {
      const put = await t.send('PUT', p, randomBytes(100), octets);
      const get = await t.send('GET', p);
      expect([put.status, t.json(put).message, get.status, t.json(get).message]).toEqual([
        status,
        message,
        status,
        message,
      ]);
    }
  });

  it('points a version without an uploaded artifact to its source', async () => {
    const version = await t.createVersion('external', 's3://bucket/external/1/model.onnx');
    const get = await t.send('GET', path('external', version));
    expect(get.status).toBe(404);
    expect((await t.send('HEAD', path('external', version))).status).toBe(404);
    expect(t.json(get)).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: expect.stringContaining('its source "s3://bucket/external/1/model.onnx"'),
    });
  });

  it('refuses a body over the limit with 413, whether declared or streamed, and leaves no temp file behind', async () => {
    const version = await t.createVersion('big');
    const declared = await t.send('PUT', path('big', version), Readable.from([]), {
      ...octets,
      'content-length': 5 * 1024 ** 3,
    });
    expect({ status: declared.status, code: t.json(declared).error_code }).toEqual({
      status: 413,
      code: 'REQUEST_TOO_LARGE',
    });

    const chunks = Array.from({ length: 17 }, () => randomBytes(64 * 1024)); // 1 MiB + 64 KiB, chunked
    const streamed = await t.send('PUT', path('big', version), Readable.from(chunks), octets);
    expect({ status: streamed.status, body: t.json(streamed) }).toEqual({
      status: 413,
      body: { error_code: 'REQUEST_TOO_LARGE', message: 'artifact is larger than the limit of 1048576 bytes' },
    });
    expect((await t.files()).filter((file) => file.startsWith('tmp/'))).toEqual([]);
    expect((await t.send('GET', path('big', version))).status).toBe(404);

    const exactly = await t.send('PUT', path('big', version), Readable.from(chunks.slice(0, 16)), octets);
    expect(exactly.status).toBe(201);
  });
});
