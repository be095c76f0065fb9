import { ProjectionRunner } from '@ledger/eventstore';
import { RegistryUnderTest, startRegistry } from '../registry.harness';
import { MODEL_NAME_HISTORY_MIGRATION, modelNameHistoryProjection } from './model-name-history.projection';

// The audit timeline: every event of a model's stream, in order, with actor, time, correlation
// and causation, readable after renames and deletes, in pages.
describe('the audit timeline over HTTP', () => {
  let t: RegistryUnderTest;

  beforeAll(async () => {
    t = await startRegistry('registry_audit');
  });
  afterAll(() => t.close());

  async function ok(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const response = await t.api(method, path, body, headers);
    expect({ path, status: response.status < 300 }).toEqual({ path, status: true });
    return response.body;
  }

  it('lists every event in order with who, when and which flow, by the new name after a rename', async () => {
    const alice = { 'x-actor': 'alice', 'x-correlation-id': 'train-run-42' };
    const { modelId } = await ok('POST', '/api/v1/models', { name: 'churn', tags: { team: 'growth' } }, alice);
    await ok('POST', '/api/v1/models/churn/versions', { source: 's3://churn/1', metrics: { auc: 0.9 } }, alice);
    await ok('PUT', '/api/v1/models/churn/aliases/champion', { version: 1 }, { 'x-actor': 'service:promoter' });
    await ok('PATCH', '/api/v1/models/churn', { name: 'attrition' }, { 'x-actor': 'bob' });

    const { status, body } = await t.api('GET', '/api/v1/models/attrition/audit');
    expect(status).toBe(200);
    expect(body).toMatchObject({ modelId, name: 'attrition', deleted: false, nextAfter: null });
    expect(body.events.map((e: { position: number; type: string }) => [e.position, e.type])).toEqual([
      [1, 'RegisteredModelCreated'],
      [2, 'VersionCreated'],
      [3, 'AliasSet'],
      [4, 'RegisteredModelRenamed'],
    ]);
    expect(body.events[0]).toMatchObject({
      schemaVersion: 1,
      actor: { id: 'alice', kind: 'user' },
      correlationId: 'train-run-42',
      causationId: null,
      data: { modelId, name: 'churn', tags: { team: 'growth' } },
    });
    expect(body.events[1]).toMatchObject({
      schemaVersion: 4,
      correlationId: 'train-run-42',
      data: { version: 1, source: 's3://churn/1', metrics: { auc: 0.9 } },
    });
    expect(body.events[2].actor).toEqual({ id: 'promoter', kind: 'service' });
    expect(body.events[3]).toMatchObject({
      actor: { id: 'bob', kind: 'user' },
      data: { name: 'attrition', previousName: 'churn' },
    });
    expect(
      body.events.every(
        (e: { occurredAt: string; eventId: string }) => !Number.isNaN(Date.parse(e.occurredAt)) && e.eventId,
      ),
    ).toBe(true);
    // The old name, no longer held by anyone, still leads to this model; so does its id.
    expect((await t.api('GET', '/api/v1/models/churn/audit')).body.modelId).toBe(modelId);
    expect((await t.api('GET', `/api/v1/audit/models/${modelId}`)).body.events).toEqual(body.events);
  });

  it('keeps a deleted model readable by its id and by its name, even once the name is reused', async () => {
    const { modelId } = await ok('POST', '/api/v1/models', { name: 'doomed' });
    await ok('POST', '/api/v1/models/doomed/versions', {});
    await ok('DELETE', '/api/v1/models/doomed', undefined, { 'x-actor': 'carol' });
    const byName = await t.api('GET', '/api/v1/models/doomed/audit');
    expect(byName.body).toMatchObject({ modelId, name: 'doomed', deleted: true });
    expect(byName.body.events.map((e: { type: string }) => e.type)).toEqual([
      'RegisteredModelCreated',
      'VersionCreated',
      'RegisteredModelDeleted',
    ]);
    expect(byName.body.events[2].actor).toEqual({ id: 'carol', kind: 'user' });

    const { modelId: reborn } = await ok('POST', '/api/v1/models', { name: 'doomed' });
    expect((await t.api('GET', '/api/v1/models/doomed/audit')).body).toMatchObject({ modelId: reborn, deleted: false });
    expect((await t.api('GET', `/api/v1/audit/models/${modelId}`)).body).toMatchObject({
      modelId,
      deleted: true,
      events: byName.body.events,
    });
  });

  it('pages with after and limit until nextAfter is null', async () => {
    await ok('POST', '/api/v1/models', { name: 'paged' });
    for (let i = 0; i < 6; i++) await ok('POST', '/api/v1/models/paged/versions', {});
    const seen: number[] = [];
    let after: number | null = 0;
    let pages = 0;
    while (after !== null) {
      const { body }: { body: { events: { position: number }[]; nextAfter: number | null } } = await t.api(
        'GET',
        `/api/v1/models/paged/audit?after=${after}&limit=3`,
      );
      seen.push(...body.events.map((e: { position: number }) => e.position));
      after = body.nextAfter;
      pages++;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages).toBe(3);
    expect((await t.api('GET', '/api/v1/models/paged/audit?after=7')).body).toMatchObject({
      events: [],
      nextAfter: null,
    });
    expect((await t.api('GET', '/api/v1/models/paged/audit?limit=1000')).body.events).toHaveLength(7);
  });

  it('refuses bad paging and unknown models with the closed error set', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'after=-1', 'after=1.5']) {
      const { status, body } = await t.api('GET', `/api/v1/models/paged/audit?${query}`);
      expect({ query, status, code: body.error_code }).toEqual({ query, status: 400, code: 'INVALID_PARAMETER_VALUE' });
    }
    expect((await t.api('GET', '/api/v1/models/never/audit')).body.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    expect((await t.api('GET', '/api/v1/audit/models/0190a6f0-0000-7000-8000-000000000099')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/audit/models/not-a-uuid')).body.error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('rebuilds the name history from the log to the same rows (the migration backfill gives them too)', async () => {
    const rows = () => t.registry.db.query(`SELECT * FROM model_name_history ORDER BY model_id, from_position`);
    const before = await rows();
    expect(before.length).toBeGreaterThan(3);
    await new ProjectionRunner(t.registry.db, [modelNameHistoryProjection], { databaseUrl: t.databaseUrl }).rebuild(
      modelNameHistoryProjection,
    );
    expect(await rows()).toEqual(before);
    // The migration's backfill query, run over the same log, gives the same rows too.
    const backfill = MODEL_NAME_HISTORY_MIGRATION.sql
      .split(/INSERT INTO model_name_history \([^)]*\)\n/)[1]
      .replace(/;\s*$/, '');
    const backfilled = await t.registry.db.query(`SELECT * FROM (${backfill}) b ORDER BY model_id, pos`);
    expect(
      backfilled.map((r: Record<string, unknown>) => [r.model_id, Number(r.pos), r.name, r.valid_from, r.valid_to]),
    ).toEqual(
      before.map((r: Record<string, unknown>) => [
        r.model_id,
        Number(r.from_position),
        r.name,
        r.valid_from,
        r.valid_to,
      ]),
    );
  });
});
