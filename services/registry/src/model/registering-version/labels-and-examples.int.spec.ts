import { RegistryUnderTest, startRegistry } from '../../registry.harness';

const SIGNATURE = {
  inputs: [
    { name: 'tenure', type: 'int64' },
    { name: 'plan', type: 'string' },
    { name: 'usage', type: 'float32', shape: [-1, 3] },
  ],
  outputs: [{ name: 'churn', type: 'float32' }],
};

describe('versions labelled by their team, and input examples checked against the signature', () => {
  let t: RegistryUnderTest;
  beforeAll(async () => {
    t = await startRegistry('registry_labels_examples');
    await t.api('POST', '/api/v1/models', { name: 'churn' });
  });
  afterAll(() => t.close());

  it('keeps the chosen label beside the suggested semver and resolves versions by it', async () => {
    const first = await t.api('POST', '/api/v1/models/churn/versions', { source: 's3://m/1', label: '20240226' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, label: '20240226', semver: { label: '1.0.0' } });
    const second = await t.api('POST', '/api/v1/models/churn/versions', { source: 's3://m/2', label: '2.0.0' });
    expect(second.body).toMatchObject({ version: 2, label: '2.0.0', semver: { label: '1.0.1' } });
    const unlabelled = await t.api('POST', '/api/v1/models/churn/versions', { source: 's3://m/3' });
    expect(unlabelled.body).toMatchObject({ version: 3, label: null });

    const resolved = await t.api('GET', `/api/v1/resolve?uri=${encodeURIComponent('models:/churn@label:2.0.0')}`);
    expect(resolved.body).toMatchObject({ version: { version: 2, label: '2.0.0' }, location: 's3://m/2' });
    expect((await t.api('GET', '/api/v1/models/churn/aliases/label:20240226')).body).toMatchObject({ version: 1 });
    // What MLflow's client sends for models:/churn@label:2.0.0: get-model-version-by-alias.
    const mlflow = await t.api('GET', '/api/2.0/mlflow/registered-models/alias?name=churn&alias=label:2.0.0');
    expect(mlflow.body).toMatchObject({ model_version: { version: '2' } });
    const listed = await t.api('GET', '/api/v1/models/churn/versions/1');
    expect(listed.body).toMatchObject({ label: '20240226', semver: { label: '1.0.0' } });
  });

  it.each([
    [{ label: '2024-02-26' }, /label: "2024-02-26" must be a date \(YYYYMMDD, e\.g\. 20240226\) or a semantic version/],
    [{ label: '20240231' }, /label: "20240231" is not a calendar date/],
    [{ label: 'v1' }, /label: "v1" must be a date/],
  ])('refuses the label of %j naming it', async (body, message) => {
    const answer = await t.api('POST', '/api/v1/models/churn/versions', body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(message),
    });
  });

  it('refuses a label another version of the model has, and an unknown label is not found', async () => {
    await t.api('POST', '/api/v1/models/churn/versions', { label: '3.0.0' });
    const again = await t.api('POST', '/api/v1/models/churn/versions', { label: '3.0.0' });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({
      error_code: 'RESOURCE_ALREADY_EXISTS',
      message: expect.stringMatching(/label: "3\.0\.0" already names version \d+/),
    });
    const unknown = await t.api('GET', `/api/v1/resolve?uri=${encodeURIComponent('models:/churn@label:9.9.9')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toMatch(/no version of registered model "churn" is labelled "9.9.9"/);
  });

  it('stores an input example that fits the signature, one row or many', async () => {
    const row = { tenure: 12, plan: 'pro', usage: [0.5, 1.25, 3] };
    const one = await t.api('POST', '/api/v1/models/churn/versions', { signature: SIGNATURE, inputExample: row });
    expect(one.status).toBe(201);
    expect(one.body.inputExample).toEqual([row]);
    const read = await t.api('GET', `/api/v1/models/churn/versions/${one.body.version}`);
    expect(read.body).toMatchObject({ inputExample: [row], signature: SIGNATURE });
  });

  it.each([
    [
      { tenure: 'twelve', plan: 'pro', usage: [1, 2, 3] },
      /inputExample\[0\]\.tenure: "twelve" is not of the input's type int64/,
    ],
    [
      { tenure: 1, plan: 'pro', usage: [1, 2, 3], region: 'eu' },
      /inputExample\[0\]\.region: is not an input of the signature/,
    ],
    [{ tenure: 1, plan: 'pro' }, /inputExample\[0\]: misses the input "usage"/],
  ])('refuses an example that does not fit, naming the column (%j)', async (row, message) => {
    const answer = await t.api('POST', '/api/v1/models/churn/versions', { signature: SIGNATURE, inputExample: [row] });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(message),
    });
  });

  it('refuses an example without a signature and one too large', async () => {
    const bare = await t.api('POST', '/api/v1/models/churn/versions', { inputExample: [{ a: 1 }] });
    expect([bare.status, bare.body.message]).toEqual([400, expect.stringMatching(/inputExample: needs a signature/)]);
    const rows = Array.from({ length: 100 }, () => ({ tenure: 1, plan: 'x'.repeat(1000), usage: [1, 2, 3] }));
    const large = await t.api('POST', '/api/v1/models/churn/versions', { signature: SIGNATURE, inputExample: rows });
    expect([large.status, large.body.message]).toEqual([
      400,
      expect.stringMatching(/inputExample: must be at most 65536 bytes/),
    ]);
  });
});
