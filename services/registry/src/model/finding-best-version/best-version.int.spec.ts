import { RegistryUnderTest, startRegistry } from '../../registry.harness';

describe('the best version over HTTP', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_best');
    await t.api('POST', '/api/v1/models', { name: 'churn' });
    for (const metrics of [{ auc: 0.8, loss: 0.5 }, { auc: 0.95, loss: 0.4 }, { auc: 0.9, loss: 0.1 }, { f1: 0.5 }])
      await t.api('POST', '/api/v1/models/churn/versions', { metrics });
    await t.api('POST', '/api/v1/models/churn/versions/1/stage', { stage: 'Staging' });
    await t.api('POST', '/api/v1/models/churn/versions/3/stage', { stage: 'Staging' });
  });
  afterAll(() => t.close());

  it('answers the highest by default, saying which versions lacked the metric', async () => {
    const { status, body } = await t.api('GET', '/api/v1/models/churn/best?metric=auc');
    expect(status).toBe(200);
    expect(body).toMatchObject({ metric: 'auc', goal: 'max', stage: null, value: 0.95, considered: 3 });
    expect(body.version.version).toBe(2);
    expect(body.withoutMetric).toEqual([4]);
  });

  it('answers the lowest for goal=min, within a stage given in any case', async () => {
    const { body } = await t.api('GET', '/api/v1/models/churn/best?metric=loss&goal=min&stage=staging');
    expect(body).toMatchObject({ stage: 'Staging', value: 0.1, considered: 2 });
    expect(body.version.version).toBe(3);
  });

  it('answers 404 when no version in the stage reports the metric', async () => {
    const { status, body } = await t.api('GET', '/api/v1/models/churn/best?metric=auc&stage=Production');
    expect(status).toBe(404);
    expect(body.message).toMatch(/in stage Production reports metric "auc"/);
  });

  it.each([
    ['', /metric/],
    ['?metric=auc&goal=up', /goal/],
    ['?metric=auc&stage=Prod', /stage: must be one of None, Staging, Production, Archived/],
    ['?metric=auc&colour=red', /colour|Unrecognized/],
  ])('refuses %j with 400 naming the field', async (query, message) => {
    const { status, body } = await t.api('GET', `/api/v1/models/churn/best${query}`);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) });
  });
});
