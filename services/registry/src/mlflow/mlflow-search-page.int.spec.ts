import { Queryable } from '@ledger/eventstore';
import { RegistryUnderTest, startRegistry } from '../registry.harness';
import { searchRegisteredModels } from './querying/mlflow-queries';

// A page of registered models comes with each model's latest version per stage and its aliases,
// loaded for the whole page at once rather than once per model.
describe('MLflow registered-model search over a page of models', () => {
  let t: RegistryUnderTest;
  const mlflow = (method: string, path: string, body?: unknown) => t.api(method, `/api/2.0/mlflow/${path}`, body);
  const register = (name: string) => mlflow('POST', 'model-versions/create', { name, source: `s3://m/${name}` });
  const stage = (name: string, version: string, to: string) =>
    mlflow('POST', 'model-versions/transition-stage', { name, version, stage: to });
  const alias = (name: string, name2: string, version: string) =>
    mlflow('POST', 'registered-models/alias', { name, alias: name2, version });

  beforeAll(async () => {
    t = await startRegistry('registry_mlflow_search_page');
    for (const name of ['alpha', 'beta', 'gamma', 'delta']) await mlflow('POST', 'registered-models/create', { name });
    for (let i = 0; i < 4; i++) await register('alpha');
    await stage('alpha', '1', 'Production');
    await stage('alpha', '2', 'Staging');
    await stage('alpha', '3', 'Archived');
    await alias('alpha', 'zeta', '2');
    await alias('alpha', 'champion', '1');
    for (let i = 0; i < 2; i++) await register('beta');
    await stage('beta', '2', 'Production');
    await alias('beta', 'champion', '2');
    await register('gamma');
    await mlflow('DELETE', 'model-versions/delete', { name: 'gamma', version: '1' });
  });
  afterAll(() => t.close());

  const summary = (model: {
    name: string;
    latest_versions: { version: string; current_stage: string }[];
    aliases: unknown[];
  }) => ({
    name: model.name,
    latest: model.latest_versions.map((v) => `${v.version}:${v.current_stage}`),
    aliases: model.aliases,
  });

  it('shows every model of the page with its own latest versions, oldest first, and aliases, by alias', async () => {
    const { status, body } = await mlflow('GET', 'registered-models/search?order_by=name%20ASC&max_results=10');
    expect(status).toBe(200);
    expect(body.registered_models.map(summary)).toEqual([
      {
        name: 'alpha',
        latest: ['1:Production', '2:Staging', '3:Archived', '4:None'],
        aliases: [
          { alias: 'champion', version: '1' },
          { alias: 'zeta', version: '2' },
        ],
      },
      { name: 'beta', latest: ['1:None', '2:Production'], aliases: [{ alias: 'champion', version: '2' }] },
      { name: 'delta', latest: [], aliases: [] },
      { name: 'gamma', latest: [], aliases: [] },
    ]);
    const alpha = body.registered_models[0];
    expect(alpha.latest_versions[0]).toEqual(
      expect.objectContaining({
        name: 'alpha',
        version: '1',
        source: 's3://m/alpha',
        aliases: ['champion'],
        status: 'READY',
      }),
    );
  });

  it('answers a model the same in search as in get', async () => {
    const { body } = await mlflow('GET', "registered-models/search?filter=name%3D'alpha'");
    expect(body.registered_models).toEqual([
      (await mlflow('GET', 'registered-models/get?name=alpha')).body.registered_model,
    ]);
  });

  it('keeps pages apart: a second page carries only its own models', async () => {
    const first = await mlflow('GET', 'registered-models/search?order_by=name%20ASC&max_results=2');
    const second = await mlflow(
      'GET',
      `registered-models/search?order_by=name%20ASC&max_results=2&page_token=${first.body.next_page_token}`,
    );
    expect(second.body.registered_models.map(summary)).toEqual([
      { name: 'delta', latest: [], aliases: [] },
      { name: 'gamma', latest: [], aliases: [] },
    ]);
  });

  it('reads a page in a fixed number of queries, however many models it holds', async () => {
    const sql: string[] = [];
    const counting: Queryable = {
      query: (text: string, params?: unknown[]) => (sql.push(text), t.registry.db.query(text, params)),
    };
    const page = await searchRegisteredModels(counting, { orderBy: ['name ASC'], maxResults: 10 });
    expect(page.items).toHaveLength(4);
    expect(sql).toHaveLength(3);
  });
});
