import { RegistryUnderTest, startRegistry } from '../registry.harness';

type Operation = Record<string, unknown> & {
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { example?: unknown } }[];
};
type Doc = { paths: Record<string, Record<string, Operation>> };

const json = (o: Operation | undefined, at: string[]): unknown =>
  at.reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

// The MLflow-compatible routes are part of /docs: documented once, under /api/2.0/mlflow.
describe('OpenAPI document of the MLflow-compatible REST layer', () => {
  let t: RegistryUnderTest;
  let doc: Doc;

  beforeAll(async () => {
    t = await startRegistry('registry_mlflow_openapi');
    doc = (await t.api('GET', '/docs-json')).body;
  });
  afterAll(() => t.close());

  const mlflowOperations = () =>
    Object.entries(doc.paths)
      .filter(([path]) => path.includes('/2.0/mlflow/'))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
      );

  it('lists every MLflow route once, under the API prefix and the mlflow-compatible tag', () => {
    const operations = mlflowOperations();
    const models = [
      'POST create',
      'GET get',
      'POST rename',
      'PATCH update',
      'DELETE delete',
      'GET search',
      'POST set-tag',
      'DELETE delete-tag',
    ]
      .concat(['POST alias', 'DELETE alias', 'GET alias', 'POST get-latest-versions', 'GET get-latest-versions'])
      .concat(['POST create', 'GET get', 'PATCH update', 'DELETE delete'].map((r) => r.replace(' ', ' permissions/')))
      .map((r) => r.replace(' ', ' /api/2.0/mlflow/registered-models/'));
    const versions = [
      'POST create',
      'GET get',
      'PATCH update',
      'DELETE delete',
      'GET search',
      'POST set-tag',
      'DELETE delete-tag',
    ]
      .concat(['POST transition-stage', 'GET get-download-uri'])
      .map((r) => r.replace(' ', ' /api/2.0/mlflow/model-versions/'));
    expect(operations.map((o) => o.route).sort()).toEqual([...models, ...versions].sort());
    for (const { route, operation } of operations)
      expect({ route, tags: operation.tags }).toEqual({ route, tags: ['mlflow-compatible'] });
  });

  it('documents, per operation, its parameters, an MLflow-shaped response example and MLflow error examples', () => {
    for (const { route, operation } of mlflowOperations()) {
      const ok = json(operation, ['responses', '200', 'content', 'application/json', 'example']);
      const errors = Object.entries(operation.responses as Record<string, unknown>).filter(([status]) =>
        status.startsWith('4'),
      );
      const errorExamples = errors.flatMap(([, r]) =>
        Object.values((json(r as Operation, ['content', 'application/json', 'examples']) ?? {}) as object),
      );
      const request = route.startsWith('GET')
        ? operation.parameters?.filter((p) => p.in === 'query')
        : json(operation, ['requestBody', 'content', 'application/json', 'examples']);
      expect({
        route,
        ok: ok !== undefined,
        errors: errorExamples.length > 0,
        request: Object.keys(request ?? {}).length > 0,
      }).toEqual({
        route,
        ...{ ok: true, errors: true, request: true },
      });
      for (const { value } of errorExamples as { value: object }[])
        expect(Object.keys(value).sort()).toEqual(['error_code', 'message']);
      for (const [status, response] of errors) {
        const schema = json(response as Operation, ['content', 'application/json', 'schema', 'properties']) as object;
        expect({ route, status, fields: Object.keys(schema).sort() }).toEqual({
          route,
          status,
          fields: ['error_code', 'message'],
        });
      }
    }
  });

  it('documents model-versions/create with its JSON body and a version in MLflow shape', () => {
    const create = doc.paths['/api/2.0/mlflow/model-versions/create'].post;
    expect(json(create, ['requestBody', 'content', 'application/json', 'schema', 'required'])).toEqual([
      'name',
      'source',
    ]);
    expect(json(create, ['requestBody', 'content', 'application/json', 'examples', 'example', 'value'])).toMatchObject({
      name: 'churn',
      source: expect.any(String),
    });
    const version = json(create, ['responses', '200', 'content', 'application/json', 'example', 'model_version']);
    expect(version).toMatchObject({
      version: '3',
      status: 'READY',
      creation_timestamp: expect.any(Number),
      run_id: expect.any(String),
    });
    expect(
      json(create, ['responses', '400', 'content', 'application/json', 'examples', 'INVALID_PARAMETER_VALUE', 'value']),
    ).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message:
        "Missing value for required parameter 'source'. See the API docs for more information about request parameters.",
    });
  });

  it('documents registered-models/search with its query parameters and a page in MLflow shape', () => {
    const search = doc.paths['/api/2.0/mlflow/registered-models/search'].get;
    expect(search.parameters?.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'query:filter',
      'query:max_results',
      'query:order_by',
      'query:page_token',
    ]);
    expect(search.parameters?.find((p) => p.name === 'filter')?.schema?.example).toBe("name LIKE 'churn%'");
    const example = json(search, ['responses', '200', 'content', 'application/json', 'example']) as {
      registered_models: unknown[];
    };
    expect(example.registered_models[0]).toMatchObject({
      name: 'churn',
      latest_versions: [expect.objectContaining({ version: '3', current_stage: 'Production' })],
      aliases: [{ alias: 'champion', version: '3' }],
    });
    expect(
      json(search, ['responses', '400', 'content', 'application/json', 'examples', 'INVALID_PARAMETER_VALUE', 'value']),
    ).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
  });

  it('leaves the ajax-api prefix out, while it still serves the same handlers', async () => {
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/ajax-api'))).toEqual([]);
    expect((await t.api('GET', '/ajax-api/2.0/mlflow/registered-models/search')).body).toEqual({
      registered_models: [],
    });
  });
});
