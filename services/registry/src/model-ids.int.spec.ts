import { createRegistryApp, RunningRegistry } from './registry.service';
import { RegistryUnderTest, startRegistry } from './registry.harness';

// Two registry instances on one database, each remembering name → model id for its writes:
// what one instance remembers may be stale after the other renames or deletes, and a write
// must still land on the model that has the name now, never on the one that had it.
describe('writes by name across registry instances', () => {
  let a: RegistryUnderTest;
  let b: RunningRegistry;
  const onB = (method: string, path: string, body?: unknown) =>
    fetch(`${b.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    a = await startRegistry('registry_model_ids');
    b = await createRegistryApp({
      databaseUrl: a.databaseUrl,
      port: 0,
      host: '127.0.0.1',
      logger: ['error'],
      processMetrics: false,
    });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('lands on the model that has the name now after another instance renamed it and reused the name', async () => {
    await a.api('POST', '/api/v1/models', { name: 'churn' });
    expect((await a.api('POST', '/api/v1/models/churn/versions', { runId: 'first' })).body).toMatchObject({
      version: 1,
    }); // a remembers churn
    expect((await onB('PATCH', '/api/v1/models/churn', { name: 'attrition' })).status).toBe(200);
    expect((await onB('POST', '/api/v1/models', { name: 'churn' })).status).toBe(201);

    const written = await a.api('POST', '/api/v1/models/churn/versions', { runId: 'second' });
    expect(written).toMatchObject({ status: 201, body: { name: 'churn', version: 1, runId: 'second' } });
    expect((await a.api('GET', '/api/v1/models/attrition')).body.latestVersion).toBe(1);
    const tagged = await a.api('PUT', '/api/v1/models/churn/tags/team', { value: 'growth' });
    expect(tagged.status).toBeLessThan(300);
    expect((await a.api('GET', '/api/v1/models/attrition')).body.tags).toEqual({});
  });

  it('answers "does not exist" after another instance deleted the model', async () => {
    await a.api('POST', '/api/v1/models', { name: 'fraud' });
    await a.api('POST', '/api/v1/models/fraud/versions', {});
    expect((await onB('DELETE', '/api/v1/models/fraud')).status).toBe(204);
    const refused = await a.api('POST', '/api/v1/models/fraud/versions', {});
    expect(refused).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
  });
});
