import { RegistryUnderTest, startRegistry } from './registry.harness';

describe('registry operations endpoints', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_ops');
  });
  afterAll(() => t.close());

  it('reports health with its database check', async () => {
    expect(await t.api('GET', '/health')).toEqual({
      status: 200,
      body: { status: 'ok', service: 'registry', checks: { database: 'ok' } },
    });
  });

  it('serves Prometheus metrics with request durations labelled by route pattern, not raw path', async () => {
    await t.api('GET', '/api/v1/models/nobody');
    const metrics = await t.api('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(
      /http_request_duration_seconds_count\{service="registry",method="GET",route="\/api\/v1\/models\/:name",status="404"\} 1/,
    );
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
    // Containing, not equal: the artifact routes (their own slice) document themselves.
    expect(operations.map((o) => o.route).sort()).toEqual(
      expect.arrayContaining([
        'DELETE /api/v1/models/{name}',
        'DELETE /api/v1/models/{name}/aliases/{alias}',
        'DELETE /api/v1/models/{name}/tags/{key}',
        'DELETE /api/v1/models/{name}/versions/{version}',
        'DELETE /api/v1/models/{name}/versions/{version}/tags/{key}',
        'GET /api/v1/models/{name}',
        'GET /api/v1/models/{name}/aliases/{alias}',
        'GET /api/v1/models/{name}/latest',
        'GET /api/v1/models/{name}/versions',
        'GET /api/v1/models/{name}/versions/{version}',
        'GET /api/v1/resolve',
        'GET /health',
        'GET /metrics',
        'PATCH /api/v1/models/{name}',
        'PATCH /api/v1/models/{name}/versions/{version}',
        'POST /api/v1/models',
        'POST /api/v1/models/{name}/versions',
        'POST /api/v1/models/{name}/versions/{version}/stage',
        'PUT /api/v1/models/{name}/aliases/{alias}',
        'PUT /api/v1/models/{name}/tags/{key}',
        'PUT /api/v1/models/{name}/versions/{version}/tags/{key}',
      ]),
    );
    for (const { route, operation } of operations) {
      expect({ route, documentsAnExample: /"examples?":/.test(JSON.stringify(operation)) }).toEqual({
        route,
        documentsAnExample: true,
      });
      // Writes may be shed under load (503 + Retry-After); reads never are.
      const responses = (operation as { responses: Record<string, { headers?: Record<string, unknown> }> }).responses;
      expect({ route, shed: Boolean(responses['503']?.headers?.['Retry-After']) }).toEqual({
        route,
        shed: !/^(GET|HEAD) /.test(route),
      });
    }
  });

  it('answers 503 on /health when its database is gone', async () => {
    const other = await startRegistry('registry_ops_down');
    await other.registry.db.destroy();
    expect(await other.api('GET', '/health')).toEqual({
      status: 503,
      body: { status: 'error', service: 'registry', checks: { database: 'down' } },
    });
    await other.close();
  });
});
