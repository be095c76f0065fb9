import { RegistryUnderTest, startRegistry } from '../../registry.harness';

describe('comparing versions over HTTP', () => {
  let t: RegistryUnderTest;
  const signature = (type: string) => ({ inputs: [{ name: 'x', type, shape: [-1, 8] }], outputs: [] });

  beforeAll(async () => {
    t = await startRegistry('registry_compare');
    await t.api('POST', '/api/v1/models', { name: 'churn' });
    await t.api('POST', '/api/v1/models/churn/versions', {
      metrics: { auc: 0.9 },
      params: { depth: '6' },
      signature: signature('float32'),
    });
    await t.api('POST', '/api/v1/models/churn/versions', {
      metrics: { auc: 0.93, f1: 0.7 },
      params: { depth: '6' },
      signature: signature('float64'),
    });
    await t.api('POST', '/api/v1/models/churn/versions/1/stage', { stage: 'Production' });
  });
  afterAll(() => t.close());

  it('answers the versions side by side in the order asked, with their differences', async () => {
    const { status, body } = await t.api('GET', '/api/v1/models/churn/compare?versions=2,1');
    expect(status).toBe(200);
    expect(body.versions).toEqual([2, 1]);
    expect(body.metrics).toEqual([
      { key: 'auc', values: [0.93, 0.9], differs: true },
      { key: 'f1', values: [0.7, null], differs: true },
    ]);
    expect(body.params).toEqual([{ key: 'depth', values: ['6', '6'], differs: false }]);
    expect(body.facts).toContainEqual({ key: 'stage', values: ['None', 'Production'], differs: true });
    expect(body.facts.find((f: { key: string }) => f.key === 'label').values).toEqual([
      expect.stringMatching(/^\d+\.\d+\.\d+$/),
      '1.0.0',
    ]);
    expect(body.signature).toEqual({
      inputs: [{ key: 'x', values: ['float64[-1,8]', 'float32[-1,8]'], differs: true }],
      outputs: [],
      differs: true,
    });
  });

  it.each([
    ['', /versions: required/],
    ['?versions=1', /versions: must name 2 to 20 versions/],
    ['?versions=1,1', /versions: must not repeat/],
    ['?versions=1,abc', /versions: must be version numbers/],
  ])('refuses %j with 400 naming the field', async (query, message) => {
    const { status, body } = await t.api('GET', `/api/v1/models/churn/compare${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) });
  });

  it('answers 404 for an unknown model or version', async () => {
    expect((await t.api('GET', '/api/v1/models/nope/compare?versions=1,2')).body).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });
    const missing = await t.api('GET', '/api/v1/models/churn/compare?versions=1,9');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/version 9/);
  });
});
