import { RegistryUnderTest, startRegistry } from '../../registry.harness';

describe('a model changelog over HTTP', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_changelog');
    await t.api('POST', '/api/v1/models', { name: 'churn' });
    for (const [auc, runId] of [
      [0.9, 'run-1'],
      [0.8, 'run-2'],
      [0.95, 'run-3'],
    ] as const)
      await t.api('POST', '/api/v1/models/churn/versions', { metrics: { auc }, runId }, { 'x-actor': 'alice' });
    await t.api('DELETE', '/api/v1/models/churn/versions/2');
  });
  afterAll(() => t.close());

  it('lists each live version with its label, reason, deltas against the previous live one, who and which run', async () => {
    const { status, body } = await t.api('GET', '/api/v1/models/churn/changelog');
    expect(status).toBe(200);
    expect(body.nextAfter).toBeNull();
    expect(body.entries).toEqual([
      expect.objectContaining({
        version: 1,
        label: '1.0.0',
        previousVersion: null,
        registeredBy: 'alice',
        runId: 'run-1',
      }),
      expect.objectContaining({
        version: 3,
        previousVersion: 1,
        metrics: { auc: { value: 0.95, previous: 0.9, delta: expect.closeTo(0.05, 10) } },
        runId: 'run-3',
      }),
    ]);
    expect(body.entries[1].label).toMatch(/^1\.\d+\.\d+$/);
    expect(body.entries[1].reason).toEqual(expect.any(String));
  });

  it('pages, the next page still comparing with the version before it', async () => {
    const first = await t.api('GET', '/api/v1/models/churn/changelog?limit=1');
    expect(first.body).toMatchObject({ entries: [{ version: 1 }], nextAfter: 1 });
    const next = await t.api('GET', '/api/v1/models/churn/changelog?limit=1&after=1');
    expect(next.body).toMatchObject({ entries: [{ version: 3, previousVersion: 1 }], nextAfter: null });
  });

  it('answers 404 for an unknown model and 400 for a bad page', async () => {
    expect((await t.api('GET', '/api/v1/models/nope/changelog')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/models/churn/changelog?limit=0')).body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
    });
  });
});
