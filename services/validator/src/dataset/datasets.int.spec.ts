import { DATASETS_PREFIX } from './datasets.context';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { contentPath, sha256Of } from '@ledger/blobs';
import { withDuckDB } from './loading-dataset/dataset-file';
import { DatasetsUnderTest, getJson, startDatasets, upload } from './datasets.harness';

const CSV = 'tenure,plan,charges\n1,basic,9.5\n24,,19.99\n60,pro,\n';
const JSONL = '{"tenure":1,"plan":"basic"}\n{"tenure":null,"plan":"pro"}\n';

describe('datasets over HTTP', () => {
  let h: DatasetsUnderTest;
  beforeAll(async () => (h = await startDatasets('validator_datasets')));
  afterAll(() => h?.close());

  const versions = (name: string) => getJson(`${h.url}/api/v1/datasets/${name}/versions`);

  it('registers a CSV upload as version 1, content-addressed, with the columns, types, missing values and rows DuckDB read', async () => {
    const answer = await upload(h.url, '/api/v1/datasets/churn-ref/versions?description=reference', CSV, 'text/csv');
    expect(answer).toEqual({
      status: 201,
      body: {
        name: 'churn-ref',
        version: 1,
        sha256: sha256Of(CSV),
        format: 'csv',
        sizeBytes: Buffer.byteLength(CSV),
        rowCount: 3,
        columns: [
          { name: 'tenure', type: 'BIGINT', nullCount: 0 },
          { name: 'plan', type: 'VARCHAR', nullCount: 1 },
          { name: 'charges', type: 'DOUBLE', nullCount: 1 },
        ],
        description: 'reference',
        registeredAt: expect.any(String),
        registeredBy: 'anonymous',
      },
    });
    // The bytes sit in the shared store under their digest, exactly as sent.
    expect(await readFile(join(h.dir, DATASETS_PREFIX, contentPath(sha256Of(CSV))), 'utf8')).toBe(CSV);
    expect(await getJson(`${h.url}/api/v1/datasets/churn-ref/versions/1`)).toEqual({ status: 200, body: answer.body });
  });

  it('registers JSON lines (format from the query) and Parquet written by DuckDB', async () => {
    const jsonl = await upload(h.url, '/api/v1/datasets/churn-cur/versions?format=jsonl', JSONL);
    expect(jsonl.status).toBe(201);
    expect(jsonl.body).toMatchObject({
      format: 'jsonl',
      rowCount: 2,
      columns: [
        { name: 'tenure', type: 'BIGINT', nullCount: 1 },
        { name: 'plan', type: 'VARCHAR', nullCount: 0 },
      ],
    });

    const parquet = await parquetOf(
      h.dir,
      `SELECT range AS id, range / 4 AS score, 'k' || (range % 3) AS kind FROM range(1000)`,
    );
    const answer = await upload(
      h.url,
      '/api/v1/datasets/churn-cur/versions',
      parquet,
      'application/vnd.apache.parquet',
    );
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      version: 2,
      format: 'parquet',
      sha256: sha256Of(parquet),
      rowCount: 1000,
      columns: [
        { name: 'id', type: 'BIGINT', nullCount: 0 },
        { name: 'score', type: 'DOUBLE', nullCount: 0 },
        { name: 'kind', type: 'VARCHAR', nullCount: 0 },
      ],
    });
  });

  it('answers the latest version again (200, nothing recorded) for a retry of the same bytes; other bytes are a new version', async () => {
    const first = await upload(h.url, '/api/v1/datasets/holdout/versions', CSV, 'text/csv');
    const retry = await upload(h.url, '/api/v1/datasets/holdout/versions', CSV, 'text/csv');
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body).toEqual(first.body);

    const other = await upload(h.url, '/api/v1/datasets/holdout/versions', `${CSV}7,pro,29\n`, 'text/csv');
    const back = await upload(h.url, '/api/v1/datasets/holdout/versions', CSV, 'text/csv');
    expect([other.status, other.body.version, back.status, back.body.version]).toEqual([201, 2, 201, 3]);
    expect(back.body.sha256).toBe(first.body.sha256);
    expect((await versions('holdout')).body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
  });

  it('numbers concurrent uploads once each: the same bytes twice make one version, other bytes the next', async () => {
    const same = await Promise.all(
      [1, 2].map(() => upload(h.url, '/api/v1/datasets/racing/versions', CSV, 'text/csv')),
    );
    expect(same.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(same.map((a) => a.body.version)).toEqual([1, 1]);
    const others = await Promise.all(
      ['8', '9'].map((n) => upload(h.url, '/api/v1/datasets/racing/versions', `${CSV}${n},pro,1\n`, 'text/csv')),
    );
    expect(others.map((a) => a.status)).toEqual([201, 201]);
    expect(others.map((a) => a.body.version).sort()).toEqual([2, 3]);
  });

  it('lists datasets in name order with their latest version and count', async () => {
    const { status, body } = await getJson(`${h.url}/api/v1/datasets?limit=2`);
    expect(status).toBe(200);
    expect(
      body.datasets.map((d: { name: string; versionCount: number; latest: { version: number } }) => [
        d.name,
        d.versionCount,
        d.latest.version,
      ]),
    ).toEqual([
      ['churn-cur', 2, 2],
      ['churn-ref', 1, 1],
    ]);
    const next = await getJson(`${h.url}/api/v1/datasets?after=churn-ref`);
    expect(next.body.datasets.map((d: { name: string }) => d.name)).toEqual(['holdout', 'racing']);
  });

  it.each([
    ['an unknown dataset', '/api/v1/datasets/nope/versions', 'dataset "nope" does not exist'],
    ['an unknown version', '/api/v1/datasets/churn-ref/versions/9', 'version 9 of dataset "churn-ref" does not exist'],
  ])('answers 404 RESOURCE_DOES_NOT_EXIST for %s', async (_what, path, message) => {
    expect(await getJson(`${h.url}${path}`)).toEqual({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST', message, details: expect.any(Object) },
    });
  });

  it.each([
    ['no format', '?', 'application/octet-stream', CSV, /^format: give the query parameter format/],
    ['an unknown format', '?format=xlsx', 'text/csv', CSV, /^format: must be one of csv, jsonl, parquet$/],
    ['bytes that are not Parquet', '?format=parquet', 'text/csv', CSV, /^body: not readable as parquet: .*the upload/],
    ['JSON that is not JSON lines', '?format=jsonl', 'text/plain', '[{"a":', /^body: not readable as jsonl/],
    ['an empty file', '?format=csv', 'text/csv', '', /^body: the dataset has no rows/],
    ['a header without rows', '?format=csv', 'text/csv', 'a,b\n', /^body: the dataset has no rows/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE and records nothing', async (_what, query, type, body, message) => {
    const answer = await upload(h.url, `/api/v1/datasets/refused/versions${query}`, body, type);
    expect(answer.status).toBe(400);
    expect(answer.body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(answer.body.message).toMatch(message);
    expect((await versions('refused')).status).toBe(404);
  });

  it('describes every dataset route in OpenAPI', async () => {
    const { body } = await getJson(`${h.url}/docs-json`);
    expect(Object.keys(body.paths['/api/v1/datasets/{name}/versions'])).toEqual(
      expect.arrayContaining(['get', 'post']),
    );
    expect(body.paths['/api/v1/datasets/{name}/versions'].post.responses).toMatchObject({
      '201': expect.any(Object),
      '200': expect.any(Object),
      '400': expect.any(Object),
      '413': expect.any(Object),
    });
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/datasets', '/api/v1/datasets/{name}/versions/{version}']),
    );
  });

  it('checks the body against an announced X-Content-SHA256', async () => {
    const path = '/api/v1/datasets/announced/versions';
    const wrong = await upload(h.url, path, CSV, 'text/csv', { 'x-content-sha256': sha256Of('other') });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toBe(
      `X-Content-SHA256: the uploaded content has sha256 ${sha256Of(CSV)}, not ${sha256Of('other')}; nothing was recorded`,
    );
    expect((await versions('announced')).status).toBe(404);
    const malformed = await upload(h.url, path, CSV, 'text/csv', { 'x-content-sha256': 'abc' });
    expect([malformed.status, malformed.body.message]).toEqual([
      400,
      'X-Content-SHA256: must be a sha256 digest of 64 hex characters',
    ]);
    const right = await upload(h.url, path, CSV, 'text/csv', { 'x-content-sha256': sha256Of(CSV).toUpperCase() });
    expect([right.status, right.body.sha256]).toEqual([201, sha256Of(CSV)]);
  });

  it('refuses a bad dataset name and a body over the limit', async () => {
    const badName = await upload(h.url, '/api/v1/datasets/..%2Fetc/versions', CSV, 'text/csv');
    expect(badName.status).toBe(400);
    expect(badName.body.message).toMatch(/^name: must start with a letter or digit/);

    const small = await startDatasets('validator_datasets_small', { datasetMaxBytes: 16 });
    try {
      const tooLarge = await upload(small.url, '/api/v1/datasets/big/versions', CSV, 'text/csv');
      expect(tooLarge).toEqual({
        status: 413,
        body: {
          error_code: 'REQUEST_TOO_LARGE',
          message: 'dataset is larger than the limit of 16 bytes (DATASET_MAX_BYTES)',
        },
      });
    } finally {
      await small.close();
    }
  });
});

/** A Parquet file written by DuckDB from a query, as bytes. */
async function parquetOf(dir: string, query: string): Promise<Buffer> {
  const path = join(dir, `fixture-${Date.now()}.parquet`);
  await withDuckDB((connection) => connection.run(`COPY (${query}) TO '${path}' (FORMAT parquet)`));
  const bytes = await readFile(path);
  await rm(path);
  return bytes;
}
