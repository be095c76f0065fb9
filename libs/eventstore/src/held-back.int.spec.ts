import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { EventLog, StoredEvent } from './event-log';
import { Projection, ProjectionRunner } from './projection';
import { OutgoingMessage, Relay } from './relay';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

const counted = () => ({ id: newId(), type: 'Counted', schemaVersion: 1, data: {}, metadata: {} });

// An event whose transaction is newer than one still open somewhere on the server is held back
// (commit-order reads). Its commit's wake-up has come and gone by the time the older transaction
// ends, and that one sends none: the tailers must look again by themselves, not at the next poll.
describe('tailers when an older transaction holds committed events back', () => {
  let url: string;
  let db: DataSource;
  let writer: DataSource;
  let older: Client;

  beforeEach(async () => {
    url = freshDatabaseUrl('held_back');
    db = await openDatabase({ url, poolSize: 5 });
    await migrate(db);
    writer = await openDatabase({ url, poolSize: 2 });
    older = new Client({ connectionString: url });
    await older.connect();
  });
  afterEach(async () => {
    await older.end();
    await writer.destroy();
    await db.destroy();
  });

  it('relay and projection runner deliver it soon after the older transaction ends, with polling an hour away', async () => {
    const published: string[] = [];
    const projected: string[] = [];
    const idle = { relay: 0, runner: 0 };
    const relay = new Relay(
      db,
      { publish: async (messages) => void published.push(...messages.map((m) => m.headers.id)) },
      {
        name: 'held',
        databaseUrl: url,
        pollMs: 3_600_000,
        onIdle: () => idle.relay++,
        toMessage: (e: StoredEvent): OutgoingMessage => ({
          topic: 't',
          key: e.streamId,
          value: '{}',
          headers: { id: e.id },
        }),
      },
    );
    const projection: Projection = {
      name: 'held-seen',
      handles: ['Counted'],
      apply: async (_tx, e) => void projected.push(e.id),
      reset: async () => undefined,
    };
    const runner = new ProjectionRunner(db, [projection], {
      databaseUrl: url,
      pollMs: 3_600_000,
      onIdle: () => idle.runner++,
    });
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()'); // takes a transaction id older than the append's
    const event = counted();
    await new EventLog(writer).append(`counter-${newId()}`, [event], 'any');
    expect(await new EventLog(db).heldBack()).toBe(true);
    // Started after the append's wake-up: each reads once, finds the event held back, and would wait.
    await relay.start();
    await runner.start();
    try {
      await eventually(() => expect(idle.relay > 0 && idle.runner > 0).toBe(true));
      expect([published, projected]).toEqual([[], []]);
      await older.query('COMMIT');
      await eventually(() => expect([published, projected]).toEqual([[event.id], [event.id]]), { timeoutMs: 10_000 });
    } finally {
      await runner.stop();
      await relay.stop();
    }
  });
});
