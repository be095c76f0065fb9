import { ApiResponse, RegistryUnderTest, startRegistry } from '../../registry.harness';

const q = (params: Record<string, string | string[]>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const one of [value].flat()) search.append(key, one);
  return search.toString();
};

/** Every page of a native search, following nextPageToken. */
async function allPages(
  t: RegistryUnderTest,
  path: string,
  key: 'models' | 'versions',
  params: Record<string, string | string[]>,
) {
  const items: { name: string; version?: number }[] = [];
  let pageToken: string | null = null;
  do {
    const response: ApiResponse = await t.api(
      'GET',
      `${path}?${q({ ...params, ...(pageToken ? { pageToken } : {}) })}`,
    );
    expect(response.status).toBe(200);
    items.push(...response.body[key]);
    pageToken = response.body.nextPageToken;
  } while (pageToken);
  return items;
}

describe('native search and version listing', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_native_search');
    for (const [name, team] of [
      ['churn', 'growth'],
      ['churn-eu', 'growth'],
      ['fraud', 'risk'],
      ['gone', 'risk'],
    ]) {
      expect((await t.api('POST', '/api/v1/models', { name, tags: { team } })).status).toBe(201);
    }
    for (let i = 1; i <= 7; i++)
      await t.api('POST', '/api/v1/models/churn/versions', {
        runId: `run-${i % 3}`,
        tags: i % 2 ? { odd: 'yes' } : {},
      });
    await t.api('POST', '/api/v1/models/fraud/versions', { runId: 'run-1' });
    await t.api('POST', '/api/v1/models/gone/versions', { runId: 'run-1' });
    await t.api('DELETE', '/api/v1/models/churn/versions/4');
    await t.api('DELETE', '/api/v1/models/gone');
  });
  afterAll(() => t.close());

  it('searches live models with the MLflow grammar, native views and page tokens', async () => {
    const growth = await t.api('GET', `/api/v1/models?${q({ filter: "tags.team = 'growth'", orderBy: 'name DESC' })}`);
    expect(growth.status).toBe(200);
    expect(growth.body.models.map((m: { name: string }) => m.name)).toEqual(['churn-eu', 'churn']);
    expect(growth.body.models[1]).toMatchObject({
      name: 'churn',
      tags: { team: 'growth' },
      latestVersion: 7,
      modelId: expect.any(String),
    });
    expect(growth.body.nextPageToken).toBeNull();

    const paged = await allPages(t, '/api/v1/models', 'models', { maxResults: '1' });
    expect(paged.map((m) => m.name)).toEqual(['churn', 'churn-eu', 'fraud']); // "gone" was deleted
  });

  it('searches versions across models, skipping deleted versions and deleted models', async () => {
    const run1 = await allPages(t, '/api/v1/versions', 'versions', {
      filter: "run_id IN ('run-1')",
      orderBy: ['name ASC', 'version_number ASC'],
      maxResults: '2',
    });
    expect(run1.map((v) => `${v.name}/${v.version}`)).toEqual(['churn/1', 'churn/7', 'fraud/1']);

    const odd = await t.api(
      'GET',
      `/api/v1/versions?${q({ filter: "name = 'churn' AND tags.odd = 'yes' AND version_number > 2" })}`,
    );
    expect(odd.body.versions.map((v: { version: number }) => v.version).sort()).toEqual([3, 5, 7]);
    expect(odd.body.versions[0]).toMatchObject({
      name: 'churn',
      stage: 'None',
      semver: expect.any(Object),
      metrics: {},
    });
  });

  it('compares name and run_id with lists (IN, NOT IN), as MLflow 3 does', async () => {
    const models = await t.api('GET', `/api/v1/models?${q({ filter: "name IN ('fraud', 'churn', 'gone')" })}`);
    expect(models.body.models.map((m: { name: string }) => m.name)).toEqual(['churn', 'fraud']);
    const versions = await allPages(t, '/api/v1/versions', 'versions', {
      filter: "name NOT IN ('churn') AND run_id NOT IN ('run-2')",
    });
    expect(versions.map((v) => `${v.name}/${v.version}`)).toEqual(['fraud/1']);
  });

  it("lists a model's versions a page at a time with after/limit", async () => {
    const first = await t.api('GET', '/api/v1/models/churn/versions?limit=3');
    expect(first.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    expect(first.body.nextAfter).toBe(3);
    const second = await t.api('GET', '/api/v1/models/churn/versions?after=3&limit=3');
    expect(second.body.versions.map((v: { version: number }) => v.version)).toEqual([5, 6, 7]); // 4 was deleted
    expect(second.body.nextAfter).toBeNull();
  });

  it.each([
    ['an unknown filter key', '/api/v1/models', { filter: "owner = 'x'" }, /Invalid attribute key 'owner'/],
    ['a filter that does not parse', '/api/v1/versions', { filter: "name = 'x' OR name = 'y'" }, /./],
    ['maxResults over the model limit', '/api/v1/models', { maxResults: '1001' }, /^maxResults: must be at most 1000$/],
    [
      'maxResults that is not a number',
      '/api/v1/versions',
      { maxResults: 'ten' },
      /^maxResults: must be a whole number$/,
    ],
    ['maxResults of zero', '/api/v1/versions', { maxResults: '0' }, /^maxResults: must be at least 1$/],
    ['a filter given twice', '/api/v1/models', { filter: ["name = 'a'", "name = 'b'"] }, /^filter: must be given once/],
    ['an unknown order key', '/api/v1/models', { orderBy: 'size DESC' }, /./],
    ['a page token that is not one', '/api/v1/versions', { pageToken: 'garbage' }, /page token/i],
    [
      'a list limit over the maximum',
      '/api/v1/models/churn/versions',
      { limit: '10001' },
      /^limit: must be at most 10000$/,
    ],
    ['a negative list cursor', '/api/v1/models/churn/versions', { after: '-1' }, /^after: must be a whole number$/],
  ])('refuses %s with INVALID_PARAMETER_VALUE', async (_, path, params, message) => {
    const response = await t.api('GET', `${path}?${q(params as Record<string, string | string[]>)}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      expect.objectContaining({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) }),
    );
  });

  it('refuses a page token made for another query', async () => {
    const churn = await t.api('GET', `/api/v1/versions?${q({ filter: "name = 'churn'", maxResults: '1' })}`);
    const response = await t.api(
      'GET',
      `/api/v1/versions?${q({ filter: "name = 'fraud'", pageToken: churn.body.nextPageToken })}`,
    );
    expect(response).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
  });
});
