import { RegistryUnderTest, startRegistry } from '../../registry.harness';

// Version description, tags, delete, and aliases over the native HTTP API.
describe('versions and aliases over HTTP', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_versions_aliases');
    await t.api('POST', '/api/v1/models', { name: 'churn' });
    for (let i = 0; i < 3; i++) await t.api('POST', '/api/v1/models/churn/versions', { source: `s3://m/${i + 1}` });
  });
  afterAll(() => t.close());

  it('updates a version description and sets and deletes version tags', async () => {
    expect((await t.api('PATCH', '/api/v1/models/churn/versions/1', { description: 'baseline' })).body).toMatchObject({
      version: 1,
      description: 'baseline',
    });
    expect((await t.api('PUT', '/api/v1/models/churn/versions/1/tags/validated', { value: 'true' })).body.tags).toEqual(
      { validated: 'true' },
    );
    expect((await t.api('DELETE', '/api/v1/models/churn/versions/1/tags/validated')).body.tags).toEqual({});
    expect((await t.api('PATCH', '/api/v1/models/churn/versions/9', { description: 'x' })).status).toBe(404);
  });

  it('sets, moves, reads and deletes aliases, recording each move', async () => {
    expect((await t.api('PUT', '/api/v1/models/churn/aliases/champion', { version: 1 })).body).toMatchObject({
      version: 1,
      aliases: ['champion'],
    });
    expect(
      (await t.api('PUT', '/api/v1/models/churn/aliases/champion', { version: 2, expectedVersion: 1 })).body,
    ).toMatchObject({ version: 2, aliases: ['champion'] });
    expect((await t.api('GET', '/api/v1/models/churn/versions/1')).body.aliases).toEqual([]);
    expect((await t.api('GET', '/api/v1/models/churn/aliases/champion')).body).toMatchObject({
      version: 2,
      source: 's3://m/2',
    });
    const moves = await t.registry.db.query(
      `SELECT data FROM events WHERE event_type = 'AliasSet' ORDER BY global_position`,
    );
    expect(
      moves.map((m: { data: { version: number; previousVersion: number | null } }) => [
        m.data.version,
        m.data.previousVersion,
      ]),
    ).toEqual([
      [1, null],
      [2, 1],
    ]);
    expect((await t.api('DELETE', '/api/v1/models/churn/aliases/champion')).status).toBe(204);
    expect((await t.api('GET', '/api/v1/models/churn/aliases/champion')).status).toBe(404);
  });

  it('answers a compare-and-set mismatch with 409 and a clear message, and writes nothing', async () => {
    await t.api('PUT', '/api/v1/models/churn/aliases/shadow', { version: 3 });
    const before = await t.eventCount();
    const refused = await t.api('PUT', '/api/v1/models/churn/aliases/shadow', { version: 1, expectedVersion: 2 });
    expect(refused).toEqual({
      status: 409,
      body: {
        error_code: 'CONCURRENT_MODIFICATION',
        message:
          'alias "shadow" of registered model "churn" points to version 3, but the request expected it to point to version 2',
        details: { name: 'churn', alias: 'shadow', expectedVersion: 2, currentVersion: 3 },
      },
    });
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses reserved and malformed aliases with INVALID_PARAMETER_VALUE', async () => {
    for (const alias of ['latest', 'v3', 'a.b']) {
      expect((await t.api('PUT', `/api/v1/models/churn/aliases/${alias}`, { version: 1 })).body.error_code).toBe(
        'INVALID_PARAMETER_VALUE',
      );
    }
  });

  it('soft-deletes a version with its aliases; its number is never reused', async () => {
    await t.api('PUT', '/api/v1/models/churn/aliases/doomed', { version: 3 });
    expect((await t.api('DELETE', '/api/v1/models/churn/versions/3')).status).toBe(204);
    expect((await t.api('GET', '/api/v1/models/churn/versions/3')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/models/churn/aliases/doomed')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/models/churn/aliases/shadow')).status).toBe(404);
    expect(
      (await t.api('GET', '/api/v1/models/churn/versions')).body.versions.map((v: { version: number }) => v.version),
    ).toEqual([1, 2]);
    expect((await t.api('POST', '/api/v1/models/churn/versions', {})).body.version).toBe(4);
    const [deleted] = await t.registry.db.query(`SELECT data FROM events WHERE event_type = 'VersionDeleted'`);
    expect(deleted.data.removedAliases).toEqual(['doomed', 'shadow']);
  });
});
