import { Client } from 'pg';
import { ensureDatabase } from '@ledger/eventstore';
import { eventually, freshDatabaseUrl, uniqueTopic } from '@ledger/testing';
import { OutgoingMessage } from './bus';
import { busMetrics } from './delivery';
import { PostgresBus } from './postgres-bus';

/** A superuser session on the bus's database, to sever other sessions as a failing server would. */
async function asSuperuser<T>(url: string, work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

const message = (topic: string, n: number): OutgoingMessage => ({
  topic,
  key: 'k',
  value: JSON.stringify({ n }),
  headers: { id: `m-${n}` },
});

describe('PostgreSQL bus when its connections are lost', () => {
  const url = freshDatabaseUrl('bus_loss');
  const database = new URL(url).pathname.slice(1);
  // Polls once a minute: what arrives sooner came by NOTIFY, on a LISTEN that was set up again.
  const bus = new PostgresBus({ databaseUrl: url, metrics: busMetrics(), pollMs: 60_000 });

  beforeAll(async () => {
    await ensureDatabase(url);
    await bus.ensureTopics();
  });
  afterAll(() => bus.close());

  it('fails a publish whose connection is severed mid-transaction, instead of crashing the process on the client’s error event', async () => {
    const topic = uniqueTopic('loss.publish');
    await asSuperuser(url, async (admin) => {
      await admin.query('BEGIN');
      await admin.query('SELECT pg_advisory_xact_lock(7421003)'); // publishers queue behind it, mid-transaction
      const publishing = bus.publish([message(topic, 1)]);
      const [waiting] = await eventually(async () => {
        const { rows } = await admin.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
          [database],
        );
        expect(rows).toHaveLength(1);
        return rows;
      });
      const failed = expect(publishing).rejects.toThrow(/terminating connection/); // listened for before it can fail
      await admin.query('SELECT pg_terminate_backend($1)', [waiting.pid]);
      await failed;
      await admin.query('ROLLBACK');
    });
    await bus.publish([message(topic, 2)]);
  });

  it('delivers again once every connection was severed: the consumer takes its lease back and LISTENs again', async () => {
    const topic = uniqueTopic('loss.consume');
    const seen: number[] = [];
    const subscriber = await bus.subscribe({
      consumer: `loss-${topic}`,
      topics: [topic],
      handle: async (m) => void seen.push(JSON.parse(m.value).n),
    });
    await bus.publish([message(topic, 1)]);
    await eventually(() => expect(seen).toEqual([1]));

    await asSuperuser(url, (admin) =>
      admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      ),
    );
    await eventually(() => bus.publish([message(topic, 2)]));
    await eventually(() => expect(seen).toEqual([1, 2]));
    const leases = await asSuperuser(url, (admin) =>
      admin.query(
        `SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = $1`,
        [database],
      ),
    );
    expect(leases.rowCount).toBe(1);
    await subscriber.stop();
  });
});
