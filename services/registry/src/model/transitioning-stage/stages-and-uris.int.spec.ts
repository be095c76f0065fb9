import { RegistryUnderTest, startRegistry } from '../../registry.harness';

// Stage transitions, latest per stage, semantic labels and models:/ URIs over the native HTTP API.
describe('stages, labels and model URIs over HTTP', () => {
  let t: RegistryUnderTest;
  const stage = (version: number, body: unknown) =>
    t.api('POST', `/api/v1/models/churn/versions/${version}/stage`, body);
  const stages = async () =>
    (await t.api('GET', '/api/v1/models/churn/versions')).body.versions.map(
      (v: { version: number; stage: string }) => `${v.version}:${v.stage}`,
    );

  beforeAll(async () => {
    t = await startRegistry('registry_stages');
    await t.api('POST', '/api/v1/models', { name: 'churn', tags: { primary_metric: 'auc' } });
    const sig = (...names: string[]) => ({ inputs: names.map((name) => ({ name, type: 'float32' })), outputs: [] });
    const versions = [
      { signature: sig('a'), metrics: { auc: 0.8 } },
      {
        signature: sig('a'),
        metrics: { auc: 0.85 },
        artifact: { sha256: 'b'.repeat(64), sizeBytes: 3, uri: 'file:///store/bb' },
      },
      { signature: sig('a', 'b'), metrics: { auc: 0.8 } },
      { signature: sig('b'), metrics: { auc: 0.9 } },
    ];
    for (const body of versions)
      expect((await t.api('POST', '/api/v1/models/churn/versions', { source: 's3://m', ...body })).status).toBe(201);
  });
  afterAll(() => t.close());

  it('labels versions by the semver rule', async () => {
    const { body } = await t.api('GET', '/api/v1/models/churn/versions');
    expect(body.versions.map((v: { semver: { label: string } }) => v.semver.label)).toEqual([
      '1.0.0',
      '1.1.0',
      '1.2.0',
      '2.0.0',
    ]);
    expect(body.versions[3].semver.reason).toBe('major: removes input "a" (compared with version 3)');
  });

  it('transitions stages case-insensitively and archives the others in one event', async () => {
    expect((await stage(1, { stage: 'production' })).body).toMatchObject({ version: 1, stage: 'Production' });
    expect((await stage(2, { stage: 'PRODUCTION' })).body.stage).toBe('Production');
    expect((await stage(3, { stage: 'Staging' })).body.stage).toBe('Staging');
    const before = await t.eventCount();
    expect((await stage(4, { stage: 'Production', archiveExistingVersions: true })).status).toBe(200);
    expect(await t.eventCount()).toBe(before + 1);
    expect(await stages()).toEqual(['1:Archived', '2:Archived', '3:Staging', '4:Production']);
    expect((await stage(3, { stage: 'Archived', archiveExistingVersions: true })).body.error_code).toBe(
      'INVALID_PARAMETER_VALUE',
    );
    expect((await stage(3, { stage: 'Canary' })).body.message).toMatch(/stage "Canary" is not one of/);
  });

  it('answers the latest version per stage', async () => {
    const latest = await t.api('GET', '/api/v1/models/churn/latest?stages=staging,Production');
    expect(latest.body.versions.map((v: { version: number; stage: string }) => [v.version, v.stage])).toEqual([
      [3, 'Staging'],
      [4, 'Production'],
    ]);
    expect(
      (await t.api('GET', '/api/v1/models/churn/latest')).body.versions.map((v: { version: number }) => v.version),
    ).toEqual([2, 3, 4]);
    expect((await t.api('GET', '/api/v1/models/churn/latest?stages=Canary')).status).toBe(400);
  });

  it('resolves models:/ URIs to a version and its files', async () => {
    await t.api('PUT', '/api/v1/models/churn/aliases/champion', { version: 2 });
    const resolve = (uri: string) => t.api('GET', `/api/v1/resolve?uri=${encodeURIComponent(uri)}`);
    expect((await resolve('models:/churn/1')).body).toMatchObject({
      name: 'churn',
      version: { version: 1 },
      location: 's3://m',
    });
    expect((await resolve('models:/churn/staging')).body.version.version).toBe(3);
    expect((await resolve('models:/churn/latest')).body.version.version).toBe(4);
    expect((await resolve('models:/churn@champion')).body).toMatchObject({
      version: { version: 2 },
      location: 'file:///store/bb',
    });
    expect((await resolve('models:/churn/None')).body).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'registered model "churn" has no version in stage None',
    });
    expect((await resolve('models:/churn@nobody')).status).toBe(404);
    expect((await resolve('runs:/x')).status).toBe(400);
    expect((await t.api('GET', '/api/v1/resolve')).body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
  });
});
