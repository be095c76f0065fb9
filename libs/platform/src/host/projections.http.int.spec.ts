import { EventLog, newId, Projection } from '@ledger/eventstore';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { freePort } from '../free-port';
import { RunningService, startService } from './start-service';
import { toyService } from './toy-service.fixture';

const made = (id: number) => ({ id: newId(), type: 'ToyMade', schemaVersion: 1, data: { id }, metadata: {} });

/**
 * /api/v1/projections: an operator finds the event a read model parked and why, fixes what made
 * it fail, and rebuilds the read model — which then holds every event and has nothing parked.
 */
describe("a service's projections over HTTP", () => {
  let service: RunningService<unknown>;
  let shapeless = new Set([2]); // the data an operator fixes
  const toyRows: Projection = {
    name: 'toy-rows',
    handles: ['ToyMade'],
    async apply(tx, event) {
      if (shapeless.has(event.data.id as number)) throw new TypeError(`toy ${event.data.id} has no shape`);
      await tx.query(`INSERT INTO toys (id) VALUES ($1)`, [event.data.id]);
    },
    reset: async (tx) => void (await tx.query(`DELETE FROM toys`)),
  };
  const router: Projection = {
    name: 'toy-router',
    handles: ['ToyMade'],
    apply: async () => undefined,
    reset: async () => undefined,
  };
  const get = async (path: string) => {
    const response = await fetch(`${service.url}${path}`);
    return { status: response.status, body: (await response.json()) as any };
  };
  const rebuild = (name: string) => fetch(`${service.url}/api/v1/projections/${name}/rebuild`, { method: 'POST' });
  const toys = async () => (await service.db.query(`SELECT id FROM toys ORDER BY id`)).map((r: { id: number }) => r.id);

  beforeAll(async () => {
    service = (await startService(toyService([], { projections: [toyRows], reactingProjections: () => [router] }), {
      databaseUrl: freshDatabaseUrl('host_projections'),
      port: await freePort(),
      host: '127.0.0.1',
      logger: false,
      processMetrics: false,
    })) as RunningService<unknown>;
    await new EventLog(service.db).append('toys', [made(1), made(2), made(3)], 'no_stream');
    // Five tries with backoff (0.5 s, 1 s, 2 s, 4 s between them) before the event is parked.
    await eventually(async () => expect((await get('/api/v1/projections/parked')).body.parked).toHaveLength(1), {
      timeoutMs: 30_000,
    });
  });
  afterAll(() => service?.close());

  it('lists each projection: kind, position, events behind and parked', async () => {
    const { status, body } = await get('/api/v1/projections');
    expect(status).toBe(200);
    expect(body.projections).toEqual([
      { name: 'toy-router', kind: 'reacting', position: expect.stringMatching(/^\d+$/), behind: 0, parked: 0 },
      { name: 'toy-rows', kind: 'read-model', position: expect.stringMatching(/^\d+$/), behind: 0, parked: 1 },
    ]);
  });

  it('lists the parked event with its error, for one projection or all; an unknown one is a 404', async () => {
    const parked = await get('/api/v1/projections/parked?projection=toy-rows');
    expect(parked).toEqual({
      status: 200,
      body: {
        parked: [
          expect.objectContaining({
            projection: 'toy-rows',
            eventType: 'ToyMade',
            streamId: 'toys',
            error: 'toy 2 has no shape',
            attempts: 5,
          }),
        ],
      },
    });
    expect(await get('/api/v1/projections/parked?projection=toy-rowz')).toEqual({
      status: 404,
      body: expect.objectContaining({
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'this service has no projection named toy-rowz',
      }),
    });
    expect((await get(`/api/v1/projections/parked?projection=${'x'.repeat(201)}`)).status).toBe(400);
  });

  it('refuses to rebuild a reacting projection or an unknown one', async () => {
    const reacting = await rebuild('toy-router');
    expect(reacting.status).toBe(409);
    expect(await reacting.json()).toMatchObject({
      error_code: 'INVALID_STATE',
      message: expect.stringMatching(/never rebuilt by hand/),
    });
    expect((await rebuild('toy-rowz')).status).toBe(404);
  });

  it('rebuilds a read model once its data is fixed: every event in it, nothing parked', async () => {
    expect(await toys()).toEqual([1, 3]);
    shapeless = new Set();
    const answer = await rebuild('toy-rows');
    expect([answer.status, await answer.json()]).toEqual([202, { projection: 'toy-rows' }]);
    await eventually(async () => expect(await toys()).toEqual([1, 2, 3]));
    expect((await get('/api/v1/projections/parked')).body.parked).toEqual([]);
    await eventually(async () =>
      expect((await get('/api/v1/projections')).body.projections[1]).toMatchObject({ behind: 0, parked: 0 }),
    );
  });
});
