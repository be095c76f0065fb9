import { createServer, Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { UnavailableError } from '@ledger/contracts';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { EventLog, StoredEvent } from './event-log';
import { receiveIntoInbox } from './inbox';
import { Projection, ProjectionRunner } from './projection';
import { OutgoingMessage, Relay } from './relay';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';
import { WakeUp } from './wake-up';

const counted = () => ({ id: newId(), type: 'Counted', schemaVersion: 1, data: {}, metadata: {} });

describe('event store loops when their database connections are lost', () => {
  let url: string;
  let db: DataSource;
  let writer: DataSource; // another process's pool: its appends reach the loops only by NOTIFY

  beforeEach(async () => {
    url = freshDatabaseUrl('loss');
    db = await openDatabase({ url, poolSize: 5 });
    await migrate(db);
    writer = await openDatabase({ url, poolSize: 2 });
  });
  afterEach(async () => {
    await writer.destroy();
    await db.destroy();
  });

  const append = async () => {
    const event = counted();
    await new EventLog(writer).append(`counter-${newId()}`, [event], 'any');
    return event.id;
  };

  it('relay and projections go on once every session was severed, woken by a LISTEN they set up again', async () => {
    const published: string[] = [];
    const projected: string[] = [];
    const toMessage = (e: StoredEvent): OutgoingMessage => ({
      topic: 't',
      key: e.streamId,
      value: '{}',
      headers: { id: e.id },
    });
    const relay = new Relay(
      db,
      { publish: async (messages) => void published.push(...messages.map((m) => m.headers.id)) },
      { name: 'loss', databaseUrl: url, toMessage, pollMs: 60_000 },
    );
    const projection: Projection = {
      name: 'seen',
      handles: ['Counted'],
      apply: async (_tx, e) => void projected.push(e.id),
      reset: async () => undefined,
    };
    const runner = new ProjectionRunner(db, [projection], { databaseUrl: url, pollMs: 60_000 });
    await relay.start();
    await runner.start();
    try {
      const first = await append();
      await eventually(() => expect([published, projected]).toEqual([[first], [first]]));

      // As a failing server would: every other session of the database ends.
      await db.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      const second = await eventually(append); // the writer's pool, too, lost its sessions
      await eventually(() =>
        expect([published, projected]).toEqual([
          [first, second],
          [first, second],
        ]),
      );
    } finally {
      await runner.stop();
      await relay.stop();
    }
  });

  it('reports a consumer’s database lost mid-statement as UnavailableError, so the bus retries the message rather than dead-letter it', async () => {
    const admin = db.createQueryRunner();
    await admin.startTransaction();
    try {
      await admin.query('LOCK TABLE processed_messages IN ACCESS EXCLUSIVE MODE');
      const envelope = {
        id: newId(),
        type: 'VersionCreated',
        schemaVersion: 1,
        source: 'registry',
        streamId: 'model-1',
        streamVersion: 1,
        occurredAt: new Date().toISOString(),
        actor: { id: 't', kind: 'service' as const },
        correlationId: 'c',
        causationId: null,
        data: {},
      };
      const receiving = receiveIntoInbox(db, envelope, { consumer: 'loss', topic: 't', partition: 0, offset: '1' });
      const [blocked] = await eventually(async () => {
        // Not in admin's transaction: it would see one snapshot of the activity for its whole length.
        const rows = await db.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(rows).toHaveLength(1);
        return rows;
      });
      const failed = expect(receiving).rejects.toBeInstanceOf(UnavailableError); // listened for before it can fail
      await admin.query('SELECT pg_terminate_backend($1)', [blocked.pid]);
      await failed;
    } finally {
      await admin.rollbackTransaction();
      await admin.release();
    }
  });
});

describe('WakeUp while its server is gone', () => {
  it('tries to LISTEN again one connection at a time, waiting longer each time, however many ways each loss is reported', async () => {
    const attempts: number[] = [];
    // Accepts and hangs up at once: each attempt fails, reported by connect, 'error' and 'end'.
    const gone = createServer((socket: Socket) => void (attempts.push(Date.now()), socket.destroy()));
    await new Promise<void>((done) => gone.listen(0, '127.0.0.1', done));
    const wake = new WakeUp(
      `postgres://postgres:ledger@127.0.0.1:${(gone.address() as { port: number }).port}/gone`,
      'ledger_events',
      60_000,
    );
    try {
      await wake.open();
      await eventually(() => expect(attempts.length).toBeGreaterThanOrEqual(5), { timeoutMs: 20_000 });
      const gaps = attempts.slice(1).map((at, i) => at - attempts[i]);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(50);
      expect(gaps[3]).toBeGreaterThan(gaps[0]);
    } finally {
      await wake.close();
      gone.close();
    }
  }, 30_000);
});
