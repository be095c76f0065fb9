import { registryEvents } from '@ledger/contracts';
import { ManualClock } from '@ledger/eventstore';
import { RegistryUnderTest, startRegistry } from '../registry.harness';
import { latestPerStageOf, modelOf, versionByAliasOf, versionOf } from './history-queries';
import { foldHistory, HistoryEvent } from './history-view';

// Point-in-time reads (`?asOf=`) on get-model, get-version, get-by-alias and latest-per-stage,
// answered from the log. Events take their time from the service's clock: the test moves it
// between steps instead of waiting for the wall clock.
describe('point-in-time reads over HTTP', () => {
  let t: RegistryUnderTest;
  const clock = new ManualClock('2026-03-03T14:00:00.000Z');

  beforeAll(async () => {
    t = await startRegistry('registry_point_in_time', { clock });
  });
  afterAll(() => t.close());

  /** An instant strictly after every event so far and strictly before the next one. */
  async function mark(): Promise<string> {
    clock.advance(1_000);
    const instant = clock.now().toISOString();
    clock.advance(1_000);
    return instant;
  }
  async function ok(method: string, path: string, body?: unknown) {
    const response = await t.api(method, path, body);
    expect({ path, status: response.status < 300 }).toEqual({ path, status: true });
    return response.body;
  }
  const get = (path: string, asOf: string) =>
    t.api('GET', `${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(asOf)}`);

  it('answers which version was @champion at each moment, across alias moves and a version delete', async () => {
    const beforeModel = await mark();
    await ok('POST', '/api/v1/models', { name: 'churn' });
    for (let i = 1; i <= 3; i++) await ok('POST', '/api/v1/models/churn/versions', { source: `s3://churn/${i}` });
    await ok('PUT', '/api/v1/models/churn/aliases/champion', { version: 1 });
    const champion1 = await mark();
    await ok('PUT', '/api/v1/models/churn/aliases/champion', { version: 2 });
    const champion2 = await mark();
    await ok('DELETE', '/api/v1/models/churn/versions/2');
    const afterDelete = await mark();
    await ok('PUT', '/api/v1/models/churn/aliases/champion', { version: 3 });

    expect((await get('/api/v1/models/churn/aliases/champion', champion1)).body).toMatchObject({
      name: 'churn',
      version: 1,
      aliases: ['champion'],
    });
    expect((await get('/api/v1/models/churn/aliases/champion', champion2)).body).toMatchObject({
      version: 2,
      aliases: ['champion'],
    });
    expect((await get('/api/v1/models/churn/aliases/champion', afterDelete)).body.error_code).toBe(
      'RESOURCE_DOES_NOT_EXIST',
    );
    expect((await get('/api/v1/models/churn/versions/2', champion2)).body).toMatchObject({ version: 2 });
    expect((await get('/api/v1/models/churn/versions/2', afterDelete)).status).toBe(404);
    expect((await get('/api/v1/models/churn/versions/1', champion2)).body.aliases).toEqual([]);
    expect((await t.api('GET', '/api/v1/models/churn/aliases/champion')).body.version).toBe(3);
    expect((await get('/api/v1/models/churn', beforeModel)).body).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
    });
    expect((await get('/api/v1/models/churn', champion1)).body).toMatchObject({ name: 'churn', latestVersion: 3 });
  });

  it('gives the same answer as the current read model when asked as of now', async () => {
    await ok('POST', '/api/v1/models', { name: 'same', description: 'd', tags: { team: 'risk' } });
    await ok('POST', '/api/v1/models/same/versions', {
      source: 's3://same/1',
      tags: { a: '1' },
      metrics: { auc: 0.8 },
    });
    await ok('POST', '/api/v1/models/same/versions', { source: 's3://same/2' });
    await ok('PUT', '/api/v1/models/same/versions/1/tags/validated', { value: 'yes' });
    await ok('PATCH', '/api/v1/models/same/versions/1', { description: 'first' });
    await ok('PUT', '/api/v1/models/same/aliases/champion', { version: 1 });
    await ok('POST', '/api/v1/models/same/versions/2/stage', { stage: 'Staging' });
    await ok('POST', '/api/v1/models/same/versions', { source: 's3://same/3' });
    await ok('PATCH', '/api/v1/models/same', { name: 'same-renamed' });
    await ok('PUT', '/api/v1/models/same-renamed/tags/owner', { value: 'ml' });
    await ok('DELETE', '/api/v1/models/same-renamed/versions/3');
    await ok('PUT', '/api/v1/models/same-renamed/versions/2/tags/checked', { value: 'yes' });
    const now = await mark();
    const paths = ['', '/versions/1', '/versions/2', '/aliases/champion', '/latest'].map(
      (suffix) => `/api/v1/models/same-renamed${suffix}`,
    );
    for (const path of paths) {
      expect({ path, body: (await get(path, now)).body }).toEqual({ path, body: (await t.api('GET', path)).body });
    }
  });

  it('resolves names as they were: the old name before a rename, the new one after, and a reused name to its holder then', async () => {
    const { modelId } = await ok('POST', '/api/v1/models', { name: 'fraud', description: 'v1' });
    await ok('POST', '/api/v1/models/fraud/versions', {});
    const asFraud = await mark();
    await ok('PATCH', '/api/v1/models/fraud', { name: 'fraud-detector', description: 'renamed' });
    const afterRename = await mark();
    const { modelId: newcomer } = await ok('POST', '/api/v1/models', { name: 'fraud' });
    const afterReuse = await mark();

    expect((await get('/api/v1/models/fraud', asFraud)).body).toMatchObject({
      modelId,
      name: 'fraud',
      description: 'v1',
    });
    expect((await get('/api/v1/models/fraud/versions/1', asFraud)).body).toMatchObject({
      modelId,
      name: 'fraud',
      version: 1,
    });
    expect((await get('/api/v1/models/fraud-detector', asFraud)).status).toBe(404);
    expect((await get('/api/v1/models/fraud', afterRename)).status).toBe(404);
    expect((await get('/api/v1/models/fraud-detector', afterRename)).body).toMatchObject({
      modelId,
      name: 'fraud-detector',
      description: 'renamed',
    });
    expect((await get('/api/v1/models/fraud-detector/versions/1', afterRename)).body.name).toBe('fraud-detector');
    expect((await get('/api/v1/models/fraud', afterReuse)).body).toMatchObject({
      modelId: newcomer,
      latestVersion: null,
    });
  });

  it('answers latest-per-stage as it was, with archive_existing_versions', async () => {
    await ok('POST', '/api/v1/models', { name: 'ltv' });
    for (let i = 1; i <= 3; i++) await ok('POST', '/api/v1/models/ltv/versions', {});
    await ok('POST', '/api/v1/models/ltv/versions/1/stage', { stage: 'Production' });
    await ok('POST', '/api/v1/models/ltv/versions/3/stage', { stage: 'staging' });
    const oneInProduction = await mark();
    await ok('POST', '/api/v1/models/ltv/versions/2/stage', { stage: 'Production', archiveExistingVersions: true });
    const twoInProduction = await mark();

    const stagesAt = async (asOf: string, stages = '') =>
      (
        (await get(`/api/v1/models/ltv/latest${stages ? `?stages=${stages}` : ''}`, asOf)).body.versions as {
          version: number;
          stage: string;
        }[]
      ).map((v) => [v.version, v.stage]);
    expect(await stagesAt(oneInProduction)).toEqual([
      [1, 'Production'],
      [2, 'None'],
      [3, 'Staging'],
    ]);
    expect(await stagesAt(twoInProduction)).toEqual([
      [1, 'Archived'],
      [2, 'Production'],
      [3, 'Staging'],
    ]);
    expect(await stagesAt(oneInProduction, 'production')).toEqual([[1, 'Production']]);
    expect((await get('/api/v1/models/ltv/versions/1', twoInProduction)).body.stage).toBe('Archived');
  });

  it('answers for a model that was deleted later, and not after its delete', async () => {
    await ok('POST', '/api/v1/models', { name: 'gone' });
    await ok('POST', '/api/v1/models/gone/versions', {});
    await ok('PUT', '/api/v1/models/gone/aliases/champion', { version: 1 });
    const alive = await mark();
    await ok('DELETE', '/api/v1/models/gone');
    const deleted = await mark();
    expect((await t.api('GET', '/api/v1/models/gone')).status).toBe(404);
    expect((await get('/api/v1/models/gone', alive)).body).toMatchObject({ name: 'gone', latestVersion: 1 });
    expect((await get('/api/v1/models/gone/aliases/champion', alive)).body).toMatchObject({ version: 1 });
    for (const path of [
      '/api/v1/models/gone',
      '/api/v1/models/gone/versions/1',
      '/api/v1/models/gone/aliases/champion',
      '/api/v1/models/gone/latest',
    ]) {
      expect({ path, error: (await get(path, deleted)).body.error_code }).toEqual({
        path,
        error: 'RESOURCE_DOES_NOT_EXIST',
      });
    }
  });

  it('refuses an invalid asOf with INVALID_PARAMETER_VALUE', async () => {
    await ok('POST', '/api/v1/models', { name: 'strict' });
    for (const bad of ['yesterday', '2026-13-01T00:00:00Z', '2026-03-03T14:00:00', '']) {
      const response = await t.api('GET', `/api/v1/models/strict?asOf=${encodeURIComponent(bad)}`);
      expect({ bad, response: response.status, code: response.body.error_code }).toEqual({
        bad,
        response: 400,
        code: 'INVALID_PARAMETER_VALUE',
      });
    }
    expect((await t.api('GET', '/api/v1/models/strict?asOf=2999-01-01')).status).toBe(200);
    expect((await t.api('GET', '/api/v1/models/strict/latest?asOf=2026-03-03T14:00:00%2B01:00')).status).toBe(404);
  });

  it('answers at every moment of a long random history exactly like folding the whole stream up to then', async () => {
    const { modelId } = await ok('POST', '/api/v1/models', { name: 'random' });
    let name = 'random';
    const marks: string[] = [await mark()];
    let seed = 42;
    // mulberry32: a small deterministic generator, so the history is the same on every run.
    const pick = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return 1 + (((x ^ (x >>> 14)) >>> 0) % n);
    };
    const stages = ['None', 'Staging', 'Production', 'Archived'];
    for (let step = 0; step < 100; step++) {
      const v = pick(Math.max(1, Math.min(step, 12)));
      const choice = pick(11);
      const path = `/api/v1/models/${name}`;
      const [method, url, body]: [string, string, unknown?] =
        choice <= 2 || step < 4
          ? ['POST', `${path}/versions`, { tags: { step: String(step) } }]
          : choice === 3
            ? ['PUT', `${path}/aliases/${['champion', 'shadow'][pick(2) - 1]}`, { version: v }]
            : choice === 4
              ? ['DELETE', `${path}/aliases/${['champion', 'shadow'][pick(2) - 1]}`]
              : choice === 10
                ? ['DELETE', `${path}/versions/${v}/tags/k`]
                : choice === 5
                  ? [
                      'POST',
                      `${path}/versions/${v}/stage`,
                      { stage: stages[pick(4) - 1], archiveExistingVersions: pick(2) === 1 },
                    ]
                  : choice === 9
                    ? [
                        'POST',
                        `${path}/versions/${v}/stage`,
                        { stage: ['Staging', 'Production'][pick(2) - 1], archiveExistingVersions: true },
                      ]
                    : choice === 6
                      ? ['PUT', `${path}/versions/${v}/tags/k`, { value: String(step) }]
                      : choice === 7
                        ? ['PATCH', `${path}/versions/${v}`, { description: `d${step}` }]
                        : choice === 8 && pick(4) === 1
                          ? ['DELETE', `${path}/versions/${v}`]
                          : choice === 8
                            ? ['PATCH', path, { name: `random-${step}`, description: `renamed at ${step}` }]
                            : ['PUT', `${path}/tags/t`, { value: String(step) }];
      const response = await t.api(method, url, body);
      if (method === 'PATCH' && url === path && response.status === 200) name = (body as { name: string }).name;
      marks.push(await mark());
    }
    const rows: { type: string; schema_version: number; data: Record<string, unknown>; at: string }[] =
      await t.registry.db.query(
        `SELECT event_type AS type, schema_version, data, metadata->>'occurredAt' AS at FROM events WHERE stream_id = $1 ORDER BY stream_position`,
        [`model-${modelId}`],
      );
    const all = rows.map(
      (r) =>
        ({
          type: r.type,
          data: registryEvents.upcast(r.type, r.schema_version, r.data),
          occurredAt: new Date(r.at).toISOString(),
        }) as HistoryEvent,
    );
    // The fixed seed makes a history that moves, archives, deletes and renames (no uploads: the
    // history view ignores ArtifactAttached; grants and protection are not part of what a past read answers).
    const kinds = all.reduce((n: Record<string, number>, e) => ({ ...n, [e.type]: (n[e.type] ?? 0) + 1 }), {});
    expect(Object.keys(kinds).sort()).toEqual(
      registryEvents
        .definitions()
        .map((d) => d.type)
        .filter(
          (type) =>
            ![
              ...['RegisteredModelDeleted', 'RegisteredModelTagDeleted', 'ArtifactAttached'],
              ...['ModelPermissionSet', 'ModelPermissionDeleted', 'ModelProtectionSet'],
            ].includes(type),
        )
        .sort(),
    );
    const body = async (path: string, asOf: string) => {
      const response = await get(path, asOf);
      return response.status === 200 ? response.body : response.status;
    };
    for (const asOf of marks) {
      const view = foldHistory(all.filter((e) => e.occurredAt <= asOf));
      const then = modelOf(view)!;
      const path = `/api/v1/models/${then.name}`;
      expect({ asOf, model: await body(path, asOf) }).toEqual({ asOf, model: then });
      expect({ asOf, latest: await body(`${path}/latest`, asOf) }).toEqual({
        asOf,
        latest: { name: then.name, versions: latestPerStageOf(view, []) },
      });
      expect({ asOf, staging: await body(`${path}/latest?stages=Staging,Archived`, asOf) }).toEqual({
        asOf,
        staging: { name: then.name, versions: latestPerStageOf(view, ['Staging', 'Archived']) },
      });
      for (const alias of ['champion', 'shadow']) {
        expect({ asOf, alias, at: await body(`${path}/aliases/${alias}`, asOf) }).toEqual({
          asOf,
          alias,
          at: versionByAliasOf(view, alias) ?? 404,
        });
      }
      for (let v = 1; v <= (then.latestVersion ?? 0) + 1; v++) {
        expect({ asOf, v, at: await body(`${path}/versions/${v}`, asOf) }).toEqual({
          asOf,
          v,
          at: versionOf(view, v) ?? 404,
        });
      }
    }
  }, 120_000);
});
