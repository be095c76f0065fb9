import { RegistryUnderTest, startRegistry } from './registry.harness';

describe('registry operations endpoints', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_ops');
  });
  afterAll(() => t.close());

  it('reports health with its database check', async () => {
    expect(await t.api('GET', '/health')).toEqual({ status: 200, body: { status: 'ok', service: 'registry', checks: { database: 'ok' } } });
  });

  it('serves Prometheus metrics with request durations labelled by route pattern, not raw path', async () => {
    await t.api('GET', '/api/v1/models/nobody');
    const metrics = await t.api('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{service="registry",method="GET",route="\/api\/v1\/models\/:name",status="404"\} 1/);
    expect(metrics.body).not.toContain('route="/api/v1/models/nobody"');
  });

  it('serves the OpenAPI UI and a document listing every route, each with an example', async () => {
    const ui = await t.api('GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger-ui');
    const { status, body: doc } = await t.api('GET', '/docs-json');
    expect(status).toBe(200);
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(operations.map((o) => o.route).sort()).toEqual([
      'GET /api/v1/models/{name}',
      'GET /api/v1/models/{name}/versions',
      'GET /api/v1/models/{name}/versions/{version}',
      'GET /health',
      'GET /metrics',
      'POST /api/v1/models',
      'POST /api/v1/models/{name}/versions',
    ]);
    for (const { route, operation } of operations) {
      expect({ route, documentsAnExample: /"examples?":/.test(JSON.stringify(operation)) }).toEqual({ route, documentsAnExample: true });
    }
  });

  it('answers 503 on /health when its database is gone', async () => {
    const other = await startRegistry('registry_ops_down');
    await other.registry.db.destroy();
    expect(await other.api('GET', '/health')).toEqual({ status: 503, body: { status: 'error', service: 'registry', checks: { database: 'down' } } });
    await other.close();
  });
});
