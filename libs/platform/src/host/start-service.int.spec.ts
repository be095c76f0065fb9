import { Client } from 'pg';
import { EventLog, ManualClock, newId, Projection } from '@ledger/eventstore';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { freePort } from '../free-port';
import type { Worker } from './service-definition';
import { startService } from './start-service';
import { toyService } from './toy-service.fixture';

async function connectionsTo(databaseUrl: string): Promise<number> {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    const name = new URL(databaseUrl).pathname.slice(1);
    const rows = await admin.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    );
    return rows.rows[0].n;
  } finally {
    await admin.end();
  }
}

const refused = (port: number) =>
  fetch(`http://127.0.0.1:${port}/health`).then(
    () => false,
    () => true,
  );

describe('the service host', () => {
  it('runs a service on its clock, with health and metrics, and closes workers before HTTP and the database', async () => {
    const steps: string[] = [];
    const databaseUrl = freshDatabaseUrl('host_runs');
    const port = await freePort();
    const clock = new ManualClock('2026-03-03T14:00:00.000Z');
    const service = await startService(toyService(steps), {
      databaseUrl,
      port,
      host: '127.0.0.1',
      logger: false,
      processMetrics: false,
      clock,
    });
    clock.advance(60_000);
    expect(await (await fetch(`${service.url}/api/v1/ping`)).json()).toEqual({ now: '2026-03-03T14:01:00.000Z' });
    expect(await (await fetch(`${service.url}/health`)).json()).toMatchObject({
      status: 'ok',
      service: 'toy',
      checks: { database: 'ok' },
    });
    expect(await (await fetch(`${service.url}/metrics`)).text()).toContain('service="toy"');
    expect((await service.db.query(`SELECT count(*)::int AS n FROM toys`))[0].n).toBe(0);

    await service.close();
    await service.close(); // a second close is a no-op
    expect(steps).toEqual(['worker started', 'worker stopped']);
    expect(await refused(port)).toBe(true);
    await eventually(async () => expect(await connectionsTo(databaseUrl)).toBe(0));
  });

  it('closes what had started when a later step of the start fails, and says why', async () => {
    const steps: string[] = [];
    const databaseUrl = freshDatabaseUrl('host_fails');
    const port = await freePort();
    const failing: Worker = {
      name: 'broken',
      start: () => Promise.reject(new Error('the timer table is locked')),
      stop: async () => undefined,
    };
    const definition = toyService(steps, {
      workers: () => [
        {
          name: 'recorder',
          start: async () => void steps.push('worker started'),
          stop: async () => void steps.push('worker stopped'),
        },
        failing,
      ],
    });
    await expect(
      startService(definition, { databaseUrl, port, host: '127.0.0.1', logger: false, processMetrics: false }),
    ).rejects.toThrow('the timer table is locked');
    expect(steps).toEqual(['worker started', 'worker stopped']);
    expect(await refused(port)).toBe(true);
    await eventually(async () => expect(await connectionsTo(databaseUrl)).toBe(0));
  });

  it('parks an event its projection cannot apply, goes on past it, and counts it in /metrics', async () => {
    const toyRows: Projection = {
      name: 'toy-rows',
      handles: ['ToyMade'],
      async apply(tx, event) {
        if (event.data.id === 2) throw new TypeError('toy 2 has no shape');
        await tx.query(`INSERT INTO toys (id) VALUES ($1)`, [event.data.id]);
      },
      reset: async (tx) => void (await tx.query(`DELETE FROM toys`)),
    };
    const service = await startService(toyService([], { projections: [toyRows] }), {
      databaseUrl: freshDatabaseUrl('host_parks'),
      port: await freePort(),
      host: '127.0.0.1',
      logger: false,
      processMetrics: false,
    });
    try {
      const made = (id: number) => ({ id: newId(), type: 'ToyMade', schemaVersion: 1, data: { id }, metadata: {} });
      await new EventLog(service.db).append('toys', [made(1), made(2), made(3)], 'no_stream');
      const toys = async () =>
        (await service.db.query(`SELECT id FROM toys ORDER BY id`)).map((r: { id: number }) => r.id);
      // Five tries with backoff (0.5 s, 1 s, 2 s, 4 s between them) before the event is parked.
      await eventually(async () => expect(await toys()).toEqual([1, 3]), { timeoutMs: 30_000 });
      expect(await (await fetch(`${service.url}/metrics`)).text()).toMatch(
        /^ledger_projection_parked_events\{[^}]*projection="toy-rows"[^}]*\} 1$/m,
      );
    } finally {
      await service.close();
    }
  });

  it('leaves nothing open when a migration fails', async () => {
    const databaseUrl = freshDatabaseUrl('host_bad_migration');
    const port = await freePort();
    const definition = toyService([], { migrations: [{ id: 'toy-001', sql: 'CREATE TABLE toys (id nosuchtype)' }] });
    await expect(
      startService(definition, { databaseUrl, port, host: '127.0.0.1', logger: false, processMetrics: false }),
    ).rejects.toThrow(/nosuchtype/);
    expect(await refused(port)).toBe(true);
    await eventually(async () => expect(await connectionsTo(databaseUrl)).toBe(0));
  });
});
