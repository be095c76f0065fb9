import { eventually } from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from '../../registry.harness';

describe('registering versions over HTTP', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_versions');
  });
  afterAll(() => t.close());

  it('creates a model, registers versions, and reads them back', async () => {
    const created = await t.api('POST', '/api/v1/models', {
      name: 'churn',
      description: 'predicts churn',
      tags: { team: 'growth' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'churn',
      description: 'predicts churn',
      tags: { team: 'growth' },
      latestVersion: null,
    });

    const first = await t.api('POST', '/api/v1/models/churn/versions', {
      source: 's3://m/1',
      runId: 'run-1',
      tags: { fw: 'xgb' },
      metrics: { auc: 0.9 },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      name: 'churn',
      version: 1,
      source: 's3://m/1',
      runId: 'run-1',
      tags: { fw: 'xgb' },
      metrics: { auc: 0.9 },
    });
    const second = await t.api('POST', '/api/v1/models/churn/versions', {});
    expect(second.body).toMatchObject({ version: 2, source: '', runId: '', tags: {}, metrics: {} });

    const model = await t.api('GET', '/api/v1/models/churn');
    expect(model.status).toBe(200);
    expect(model.body).toMatchObject({
      modelId: created.body.modelId,
      name: 'churn',
      latestVersion: 2,
      createdAt: created.body.createdAt,
    });
    expect(model.body.updatedAt).toBe(second.body.createdAt);

    const list = await t.api('GET', '/api/v1/models/churn/versions');
    expect(list.status).toBe(200);
    expect(list.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(list.body.versions[0]).toEqual(first.body);

    const one = await t.api('GET', '/api/v1/models/churn/versions/2');
    expect(one).toEqual({ status: 200, body: second.body });
  });

  it('serves names with spaces and non-ASCII characters through percent-encoded paths', async () => {
    const name = 'churn v2 — ünïcode';
    expect((await t.api('POST', '/api/v1/models', { name })).status).toBe(201);
    const path = `/api/v1/models/${encodeURIComponent(name)}`;
    expect((await t.api('POST', `${path}/versions`, {})).body).toMatchObject({ name, version: 1 });
    expect((await t.api('GET', path)).body).toMatchObject({ name, latestVersion: 1 });
    expect((await t.api('GET', `${path}/versions/1`)).body).toMatchObject({ name, version: 1 });
  });

  it('accepts an MLflow-style signature whose outputs (and tensor inputs) are unnamed', async () => {
    await t.api('POST', '/api/v1/models', { name: 'tensors' });
    const signature = {
      inputs: [{ type: 'float32', shape: [-1, 28, 28] }],
      outputs: [{ type: 'float32', shape: [-1, 10] }],
    };
    const created = await t.api('POST', '/api/v1/models/tensors/versions', { signature });
    expect(created.status).toBe(201);
    expect(created.body.signature).toEqual(signature);
    const retyped = await t.api('POST', '/api/v1/models/tensors/versions', {
      signature: { ...signature, inputs: [{ type: 'uint8', shape: [-1, 28, 28] }] },
    });
    expect(retyped.body.semver).toEqual({ label: '2.0.0', reason: expect.stringContaining('retypes input "#0"') });
  });

  it('stores params sent as numbers or booleans as their text, as MLflow keeps every param', async () => {
    await t.api('POST', '/api/v1/models', { name: 'params' });
    const { status, body } = await t.api('POST', '/api/v1/models/params/versions', {
      params: { lr: 0.1, depth: 6, deep: true, optimizer: 'adam' },
    });
    expect({ status, params: body.params }).toEqual({
      status: 201,
      params: { lr: '0.1', depth: '6', deep: 'true', optimizer: 'adam' },
    });
    expect((await t.api('GET', '/api/v1/models/params/versions/1')).body.params).toEqual(body.params);
  });

  it('records who acted and the correlation id in the event metadata', async () => {
    await t.api(
      'POST',
      '/api/v1/models',
      { name: 'audited' },
      { 'x-actor': 'service:trainer', 'x-correlation-id': 'job-17' },
    );
    const [{ metadata }] = await t.registry.db.query(`SELECT metadata FROM events WHERE data->>'name' = 'audited'`);
    expect(metadata).toMatchObject({
      source: 'registry',
      actor: { id: 'trainer', kind: 'service' },
      correlationId: 'job-17',
      causationId: null,
    });
  });

  it('numbers 100 concurrent registrations on one model 1..100, each exactly once', async () => {
    const { body: model } = await t.api('POST', '/api/v1/models', { name: 'contended' });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => t.api('POST', '/api/v1/models/contended/versions', { runId: `run-${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(201));
    const numbers = responses.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    // Every request's run got its own number: no response was answered with another's version.
    expect(new Set(responses.map((r) => r.body.runId)).size).toBe(100);

    const rows: { stream_position: number; version: number }[] = await t.registry.db.query(
      `SELECT stream_position::int, (data->>'version')::int AS version FROM events WHERE stream_id = $1 AND event_type = 'VersionCreated' ORDER BY stream_position`,
      [`model-${model.modelId}`],
    );
    expect(rows.map((r) => r.stream_position)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const list = await t.api('GET', '/api/v1/models/contended/versions');
    expect(list.body.versions).toHaveLength(100);
    expect((await t.api('GET', '/api/v1/models/contended')).body.latestVersion).toBe(100);
  });

  it('registers a copy from a models:/ source as MLflow 3: the exact version, its run and artifact; a source naming nothing is refused', async () => {
    const artifact = { sha256: 'ab'.repeat(32), sizeBytes: 42, uri: 's3://models/fraud/7/model.onnx' };
    await t.api('POST', '/api/v1/models', { name: 'fraud-staging' });
    await t.api('POST', '/api/v1/models', { name: 'fraud-prod' });
    await t.api('POST', '/api/v1/models/fraud-staging/versions', {
      source: 's3://models/fraud/7',
      runId: 'run-7',
      artifact,
    });
    await t.api('PUT', '/api/v1/models/fraud-staging/aliases/candidate', { version: 1 });

    const copy = await t.api('POST', '/api/v1/models/fraud-prod/versions', {
      source: 'models:/fraud-staging@candidate',
    });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      name: 'fraud-prod',
      version: 1,
      source: 'models:/fraud-staging/1',
      runId: 'run-7',
      artifact,
      storageLocation: artifact.uri,
    });
    const uri = await t.api('GET', '/api/2.0/mlflow/model-versions/get-download-uri?name=fraud-prod&version=1');
    expect(uri.body).toEqual({ artifact_uri: artifact.uri });

    const otherRun = await t.api('POST', '/api/v1/models/fraud-prod/versions', {
      source: 'models:/fraud-staging/1',
      runId: 'run-8',
    });
    expect(otherRun).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(/run_id "run-8" must match/) },
    });

    for (const source of ['models:/fraud-staging/9', 'models:/nobody/1', 'models:/fraud-staging@nope', 'models:/']) {
      const refused = await t.api('POST', '/api/v1/models/fraud-prod/versions', { source });
      expect({ source, status: refused.status, code: refused.body.error_code }).toEqual({
        source,
        status: 400,
        code: 'INVALID_PARAMETER_VALUE',
      });
      expect(refused.body.message).toMatch(/^source: /);
    }
    expect((await t.api('GET', '/api/v1/models/fraud-prod')).body.latestVersion).toBe(1);
  });

  it("keeps a copy's download location after the version it was copied from is deleted", async () => {
    await t.api('POST', '/api/v1/models', { name: 'orig' });
    await t.api('POST', '/api/v1/models', { name: 'copies' });
    await t.api('POST', '/api/v1/models/orig/versions', { source: 's3://b/dl' });
    await t.api('POST', '/api/v1/models/copies/versions', { source: 'models:/orig/latest' });
    const chained = await t.api('POST', '/api/v1/models/copies/versions', { source: 'models:/copies/1' });
    expect(chained.body).toMatchObject({ source: 'models:/copies/1', storageLocation: 's3://b/dl' });
    expect((await t.api('DELETE', '/api/v1/models/orig/versions/1')).status).toBe(204);
    for (const version of [1, 2]) {
      const uri = await t.api('GET', `/api/2.0/mlflow/model-versions/get-download-uri?name=copies&version=${version}`);
      expect({ version, uri: uri.body }).toEqual({ version, uri: { artifact_uri: 's3://b/dl' } });
    }
    expect((await t.api('GET', '/api/v1/resolve?uri=models:/copies/2')).body).toMatchObject({ location: 's3://b/dl' });
  });

  it('refreshes the planner statistics when a model reaches 1,024 versions, so its searches keep walking the index', async () => {
    await t.api('POST', '/api/v1/models', { name: 'burst' });
    const analyzed = async () =>
      (await t.registry.db.query(`SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'model_versions'`))[0]
        .last_analyze;
    expect(await analyzed()).toBeNull();
    for (let sent = 0; sent < 1_024; sent += 64) {
      const statuses = await Promise.all(
        Array.from({ length: 64 }, () => t.api('POST', '/api/v1/models/burst/versions', {}).then((r) => r.status)),
      );
      expect(new Set(statuses)).toEqual(new Set([201]));
    }
    await eventually(async () => expect(await analyzed()).not.toBeNull());
  });
});
