import { RegistryUnderTest, startRegistry } from '../../registry.harness';

describe('creating registered models over HTTP', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_create');
  });
  afterAll(() => t.close());

  it('refuses a second model with the same name: 400 RESOURCE_ALREADY_EXISTS, nothing written', async () => {
    expect((await t.api('POST', '/api/v1/models', { name: 'fraud' })).status).toBe(201);
    const before = await t.eventCount();
    const again = await t.api('POST', '/api/v1/models', { name: 'fraud', description: 'another' });
    expect(again).toEqual({
      status: 400,
      body: {
        error_code: 'RESOURCE_ALREADY_EXISTS',
        message: 'registered model "fraud" already exists',
        details: { name: 'fraud' },
      },
    });
    expect(await t.eventCount()).toBe(before);
  });

  it('lets exactly one of many concurrent creations of one name win; the others get RESOURCE_ALREADY_EXISTS', async () => {
    const before = await t.eventCount();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.api('POST', '/api/v1/models', { name: 'raced', description: `attempt ${i}` }),
      ),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const losers = responses.filter((r) => r.status !== 201);
    expect(losers.every((r) => r.status === 400 && r.body.error_code === 'RESOURCE_ALREADY_EXISTS')).toBe(true);
    expect(await t.eventCount()).toBe(before + 1);
    const rows = await t.registry.db.query(`SELECT count(*)::int AS n FROM registered_models WHERE name = 'raced'`);
    expect(rows[0].n).toBe(1);
  });

  it('treats names as case-sensitive, like MLflow', async () => {
    expect((await t.api('POST', '/api/v1/models', { name: 'Fraud' })).status).toBe(201);
  });
});
