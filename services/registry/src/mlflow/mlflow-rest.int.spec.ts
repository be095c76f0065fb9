import { RegistryUnderTest, startRegistry } from '../registry.harness';

// The MLflow wire contract byte for byte where clients depend on it: shapes, types, statuses, errors.
describe('MLflow-compatible REST shapes', () => {
  let t: RegistryUnderTest;
  const mlflow = (method: string, path: string, body?: unknown) => t.api(method, `/api/2.0/mlflow/${path}`, body);

  beforeAll(async () => {
    t = await startRegistry('registry_mlflow_rest');
    await mlflow('POST', 'registered-models/create', { name: 'churn', tags: [{ key: 'team', value: 'growth' }] });
    await mlflow('POST', 'model-versions/create', {
      name: 'churn',
      source: 's3://m/1',
      run_id: 'r1',
      model_id: 'm-1a2b',
    });
    await mlflow('POST', 'registered-models/alias', { name: 'churn', alias: 'champion', version: '1' });
  });
  afterAll(() => t.close());

  it('answers a registered model in MLflow shape', async () => {
    const { status, body } = await mlflow('GET', 'registered-models/get?name=churn');
    expect(status).toBe(200);
    expect(body.registered_model).toEqual({
      name: 'churn',
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      description: '',
      tags: [{ key: 'team', value: 'growth' }],
      aliases: [{ alias: 'champion', version: '1' }],
      latest_versions: [expect.objectContaining({ version: '1', current_stage: 'None' })],
    });
  });

  it('answers a model version in MLflow shape, READY, with its aliases as strings', async () => {
    const { body } = await t.api('GET', '/ajax-api/2.0/mlflow/model-versions/get?name=churn&version=1');
    expect(body.model_version).toEqual({
      name: 'churn',
      version: '1',
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      current_stage: 'None',
      description: '',
      source: 's3://m/1',
      run_id: 'r1',
      run_link: '',
      status: 'READY',
      tags: [],
      aliases: ['champion'],
      model_id: 'm-1a2b',
    });
    expect(body.model_version.creation_timestamp).toBe(new Date(body.model_version.creation_timestamp).getTime());
  });

  it("registers MLflow 3's logged models: source models:/<model_id>, kept for the client to resolve", async () => {
    await mlflow('POST', 'registered-models/create', { name: 'logged' });
    const created = await mlflow('POST', 'model-versions/create', {
      name: 'logged',
      source: 'models:/m-77',
      model_id: 'm-77',
    });
    expect(created).toMatchObject({
      status: 200,
      body: { model_version: { version: '1', source: 'models:/m-77', model_id: 'm-77', run_id: '' } },
    });
    expect((await mlflow('GET', 'model-versions/get-download-uri?name=logged&version=1')).body).toEqual({
      artifact_uri: 'models:/m-77',
    });
    const other = await mlflow('POST', 'model-versions/create', {
      name: 'churn',
      source: 'models:/m-77',
      model_id: 'm-8',
    });
    expect(other).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(other.body.message).toContain('loggedModelId: "m-8" must be the logged model the source names ("m-77")');
    const bad = await mlflow('POST', 'model-versions/create', { name: 'logged', source: 's3://m', model_id: 'm 1' });
    expect(bad).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(bad.body.message).toContain(`Invalid value "m 1" for parameter 'model_id' supplied.`);
    // A copy of it keeps the logged model, as MLflow's copy_model_version does.
    await mlflow('POST', 'registered-models/create', { name: 'logged-copy' });
    const copy = await mlflow('POST', 'model-versions/create', { name: 'logged-copy', source: 'models:/logged/1' });
    expect(copy.body.model_version).toMatchObject({ source: 'models:/logged/1', model_id: 'm-77' });
  });

  it('uses MLflow error codes and statuses, with exactly error_code and message', async () => {
    expect(await mlflow('POST', 'registered-models/create', { name: 'churn' })).toMatchObject({
      status: 400,
      body: { error_code: 'RESOURCE_ALREADY_EXISTS' },
    });
    const missing = await mlflow('GET', 'model-versions/get?name=churn');
    expect(missing).toEqual({
      status: 400,
      body: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message:
          "Missing value for required parameter 'version'. See the API docs for more information about request parameters.",
      },
    });
    const unknown = await mlflow('GET', 'model-versions/get?name=churn&version=9');
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.body).sort()).toEqual(['error_code', 'message']);
    expect((await mlflow('GET', 'model-versions/get?name=churn&version=abc')).body.error_code).toBe(
      'INVALID_PARAMETER_VALUE',
    );
    // A body that is not JSON, or not declared as JSON: MLflow answers both 400 INVALID_PARAMETER_VALUE.
    expect(await mlflow('POST', 'registered-models/create', '{"name":')).toMatchObject({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE' },
    });
    const plain = await t.api('POST', '/api/2.0/mlflow/registered-models/create', 'name=x', {
      'content-type': 'text/plain',
    });
    expect(plain).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect((await mlflow('GET', 'model-versions/search?filter=bogus%3D1')).status).toBe(400);
  });

  it('returns empty objects for tag, alias and delete calls, and pages searches with next_page_token', async () => {
    expect(
      await mlflow('POST', 'model-versions/set-tag', { name: 'churn', version: '1', key: 'k', value: 'v' }),
    ).toEqual({ status: 200, body: {} });
    await mlflow('POST', 'model-versions/create', { name: 'churn', source: 's3://m/2' });
    const first = await mlflow(
      'GET',
      'model-versions/search?filter=name%3D%27churn%27&max_results=1&order_by=version_number%20ASC',
    );
    expect(first.body.model_versions.map((v: { version: string }) => v.version)).toEqual(['1']);
    const next = await mlflow(
      'GET',
      `model-versions/search?filter=name%3D%27churn%27&max_results=1&order_by=version_number%20ASC&page_token=${first.body.next_page_token}`,
    );
    expect(next.body).toEqual({ model_versions: [expect.objectContaining({ version: '2' })] });
    expect(await mlflow('DELETE', 'model-versions/delete', { name: 'churn', version: '2' })).toEqual({
      status: 200,
      body: {},
    });
  });

  it('answers aliases as MLflow does: @latest is the newest version, an unset alias is 400, deleting one is a no-op', async () => {
    await mlflow('POST', 'registered-models/create', { name: 'aliased' });
    expect(await mlflow('GET', 'registered-models/alias?name=aliased&alias=latest')).toMatchObject({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
    });
    for (const source of ['s3://a/1', 's3://a/2'])
      await mlflow('POST', 'model-versions/create', { name: 'aliased', source });
    expect((await mlflow('GET', 'registered-models/alias?name=aliased&alias=Latest')).body.model_version).toMatchObject(
      { version: '2' },
    );

    expect(await mlflow('GET', 'registered-models/alias?name=aliased&alias=nothere')).toEqual({
      status: 400,
      body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'Registered model alias nothere not found.' },
    });
    expect((await mlflow('GET', 'registered-models/alias?name=ghost&alias=x')).body.error_code).toBe(
      'RESOURCE_DOES_NOT_EXIST',
    );

    const before = await t.eventCount();
    expect(await mlflow('DELETE', 'registered-models/alias', { name: 'aliased', alias: 'nothere' })).toEqual({
      status: 200,
      body: {},
    });
    expect(await t.eventCount()).toBe(before);
    expect((await mlflow('DELETE', 'registered-models/alias', { name: 'ghost', alias: 'x' })).status).toBe(404);
    // The native API keeps saying what happened.
    expect((await t.api('DELETE', '/api/v1/models/aliased/aliases/nothere')).status).toBe(404);
  });

  it('keeps version tag values of up to 100,000 characters, as MLflow (prompt text lives there)', async () => {
    const prompt = 'p'.repeat(100_000);
    expect(
      await mlflow('POST', 'model-versions/set-tag', {
        name: 'churn',
        version: '1',
        key: 'mlflow.prompt.text',
        value: prompt,
      }),
    ).toEqual({ status: 200, body: {} });
    const { body } = await mlflow('GET', 'model-versions/get?name=churn&version=1');
    expect(body.model_version.tags).toContainEqual({ key: 'mlflow.prompt.text', value: prompt });
  });
});
