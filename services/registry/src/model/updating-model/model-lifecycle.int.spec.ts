import { RegistryUnderTest, startRegistry } from '../../registry.harness';

// Rename, description, tags and delete of registered models over the native HTTP API.
describe('changing and deleting registered models over HTTP', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_model_lifecycle');
  });
  afterAll(() => t.close());

  it('renames a model and updates its description in one change; the old name is gone, the history keeps it', async () => {
    const { body: created } = await t.api('POST', '/api/v1/models', { name: 'churn' });
    await t.api('POST', '/api/v1/models/churn/versions', {});
    const renamed = await t.api('PATCH', '/api/v1/models/churn', { name: 'attrition', description: 'who leaves' });
    expect(renamed).toMatchObject({
      status: 200,
      body: { modelId: created.modelId, name: 'attrition', description: 'who leaves', latestVersion: 1 },
    });
    expect((await t.api('GET', '/api/v1/models/churn')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/models/attrition/versions/1')).body).toMatchObject({
      name: 'attrition',
      version: 1,
    });
    const events = await t.registry.db.query(
      `SELECT event_type, data FROM events WHERE stream_id = $1 ORDER BY stream_position`,
      [`model-${created.modelId}`],
    );
    expect(events.map((e: { event_type: string }) => e.event_type)).toEqual([
      'RegisteredModelCreated',
      'VersionCreated',
      'RegisteredModelDescriptionUpdated',
      'RegisteredModelRenamed',
    ]);
    expect(events[3].data).toMatchObject({ name: 'attrition', previousName: 'churn' });
  });

  it('refuses a rename to a taken name with RESOURCE_ALREADY_EXISTS and writes nothing', async () => {
    await t.api('POST', '/api/v1/models', { name: 'taken' });
    await t.api('POST', '/api/v1/models', { name: 'mover' });
    const before = await t.eventCount();
    const refused = await t.api('PATCH', '/api/v1/models/mover', { name: 'taken', description: 'not applied' });
    expect(refused).toMatchObject({
      status: 400,
      body: { error_code: 'RESOURCE_ALREADY_EXISTS', message: 'registered model "taken" already exists' },
    });
    expect(await t.eventCount()).toBe(before);
    expect((await t.api('GET', '/api/v1/models/mover')).body.description).toBe('');
  });

  it('lets exactly one of two concurrent renames to one name win', async () => {
    await t.api('POST', '/api/v1/models', { name: 'race-a' });
    await t.api('POST', '/api/v1/models', { name: 'race-b' });
    const results = await Promise.all(
      ['race-a', 'race-b'].map((name) => t.api('PATCH', `/api/v1/models/${name}`, { name: 'race-winner' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
  });

  it('sets, overwrites and deletes model tags', async () => {
    await t.api('POST', '/api/v1/models', { name: 'tagged', tags: { team: 'growth' } });
    expect((await t.api('PUT', '/api/v1/models/tagged/tags/team', { value: 'risk' })).body.tags).toEqual({
      team: 'risk',
    });
    expect((await t.api('PUT', '/api/v1/models/tagged/tags/primary_metric', { value: 'auc' })).body.tags).toEqual({
      team: 'risk',
      primary_metric: 'auc',
    });
    expect((await t.api('DELETE', '/api/v1/models/tagged/tags/team')).body.tags).toEqual({ primary_metric: 'auc' });
    expect((await t.api('PUT', '/api/v1/models/tagged/tags/primary_metric_goal', { value: 'up' })).status).toBe(400);
    expect((await t.api('PUT', '/api/v1/models/tagged/tags/k', {})).body.message).toBe('value: is required');
  });

  it('deletes a model: 204, then not found everywhere, its name free again, its events kept', async () => {
    const { body: old } = await t.api('POST', '/api/v1/models', { name: 'doomed' });
    await t.api('POST', '/api/v1/models/doomed/versions', {});
    expect((await t.api('DELETE', '/api/v1/models/doomed')).status).toBe(204);
    for (const path of [
      '/api/v1/models/doomed',
      '/api/v1/models/doomed/versions',
      '/api/v1/models/doomed/versions/1',
    ]) {
      expect((await t.api('GET', path)).body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    }
    expect((await t.api('DELETE', '/api/v1/models/doomed')).status).toBe(404);
    const again = await t.api('POST', '/api/v1/models', { name: 'doomed' });
    expect(again.status).toBe(201);
    expect(again.body.modelId).not.toBe(old.modelId);
    expect((await t.api('POST', '/api/v1/models/doomed/versions', {})).body.version).toBe(1);
    const [{ n }] = await t.registry.db.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [
      `model-${old.modelId}`,
    ]);
    expect(n).toBe(3);
  });
});
