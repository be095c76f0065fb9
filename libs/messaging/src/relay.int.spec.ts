import { Client } from 'pg';
import { DataSource } from 'typeorm';
// The relay (libs/eventstore) is proven here, against the real bus adapters.
import { eventually, freshDatabaseUrl, kafkaBrokers, uniqueTopic } from '@ledger/testing';
import {
  EventLog,
  loadCheckpoint,
  LOG_START,
  migrate,
  NewEvent,
  newId,
  openDatabase,
  OutgoingMessage,
  Publisher,
  Queryable,
  Relay,
  RelayOptions,
  StoredEvent,
} from '@ledger/eventstore';
import { Bus, IncomingMessage, Subscriber } from './bus';
import { createBus } from './create-bus';

const event = (data: object = {}): NewEvent => ({ id: newId(), type: 'Counted', schemaVersion: 1, data, metadata: {} });

const toMessage =
  (topic: string) =>
  (e: StoredEvent): OutgoingMessage => ({
    topic,
    key: e.streamId,
    value: JSON.stringify({ id: e.id, streamId: e.streamId, streamPosition: e.streamPosition }),
    headers: { id: e.id },
  });

/** Remembers every message the relay handed over, in order. */
class MemoryPublisher implements Publisher {
  readonly published: OutgoingMessage[] = [];
  async publish(messages: OutgoingMessage[]): Promise<void> {
    this.published.push(...messages);
  }
  ids(): string[] {
    return this.published.map((m) => m.headers.id);
  }
}

/** Runs the EventLog's SQL on one raw pg connection, i.e. inside whatever transaction it has open. */
const onClient = (client: Client): Queryable => ({
  query: (sql: string, params?: unknown[]) => client.query(sql, params).then((r) => r.rows as any),
});

describe('relay', () => {
  let url: string;
  let db: DataSource;
  let log: EventLog;
  const relays: Relay[] = [];
  const relay = (publisher: Publisher, options: Partial<RelayOptions> & { name: string }): Relay => {
    const created = new Relay(db, publisher, {
      databaseUrl: url,
      toMessage: toMessage('memory'),
      pollMs: 50,
      leaseRetryMs: 50,
      ...options,
    });
    relays.push(created);
    return created;
  };

  beforeEach(async () => {
    url = freshDatabaseUrl('relay');
    db = await openDatabase({ url, poolSize: 10 });
    await migrate(db);
    log = new EventLog(db);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await db.destroy();
  });

  it('publishes in commit order and never skips a transaction that commits after a later one', async () => {
    // T1 takes its xid and global position first, then stays open while T2 commits.
    const t1 = new Client({ connectionString: url });
    await t1.connect();
    try {
      await t1.query('BEGIN');
      const first = event({ n: 1 });
      await log.append('k-1', [first], 'no_stream', onClient(t1));
      const second = event({ n: 2 });
      await log.append('k-2', [second], 'no_stream');
      expect(await log.readStream('k-2')).toHaveLength(1); // T2 is committed and visible to everyone

      const publisher = new MemoryPublisher();
      const r = relay(publisher, { name: 'commit-order' });
      // A relay tailing by global position alone (or by MVCC visibility alone) would publish T2
      // here and move its checkpoint past T1's position, so T1's event would never be published.
      expect(await r.publishBatch()).toBe(0);
      expect(publisher.published).toEqual([]);
      expect(await loadCheckpoint(db, 'commit-order')).toEqual(LOG_START);
      // What an operator alerts on: committed, not published, held back by T1.
      expect((await r.lag()).events).toBe(1);

      await t1.query('COMMIT');
      // Other test files share the PostgreSQL server; their open transactions only delay this.
      await eventually(async () => {
        await r.publishBatch();
        expect(publisher.ids()).toEqual([first.id, second.id]);
      });
      expect(await r.publishBatch()).toBe(0);
      expect(publisher.ids()).toEqual([first.id, second.id]);
      expect(await r.lag()).toEqual({ events: 0, oldestSeconds: 0 });
    } finally {
      await t1.query('ROLLBACK').catch(() => undefined);
      await t1.end();
    }
  });

  describe('with Kafka', () => {
    let bus: Bus;
    const subscribers: Subscriber[] = [];
    const consume = async (topic: string): Promise<{ id: string; key: string | null; streamPosition: number }[]> => {
      const seen: { id: string; key: string | null; streamPosition: number }[] = [];
      const handle = async (m: IncomingMessage) => void seen.push({ ...JSON.parse(m.value), key: m.key });
      subscribers.push(await bus.subscribe({ consumer: `${topic}.reader`, topics: [topic], handle }));
      return seen;
    };

    beforeAll(async () => {
      bus = await createBus({ kind: 'kafka', clientId: 'relay-int', kafkaBrokers: kafkaBrokers(), partitions: 3 });
    });
    afterAll(async () => {
      await Promise.all(subscribers.splice(0).map((s) => s.stop()));
      await bus.close();
    });

    it('delivers every event, in stream order per key, while concurrent writers append', async () => {
      const topic = uniqueTopic('relay.order');
      await bus.ensureTopics([topic]);
      const seen = await consume(topic);
      await relay(bus, { name: 'kafka-order', toMessage: toMessage(topic), batchSize: 37 }).start();

      const streams = ['k-1', 'k-2', 'k-3', 'k-4', 'k-5'];
      const appended = new Map<string, string>();
      await Promise.all(
        streams.map(async (stream) => {
          for (let version = 0; version < 100; version++) {
            const e = event({ n: version + 1 });
            appended.set(e.id, stream);
            await log.append(stream, [e], version === 0 ? 'no_stream' : version);
          }
        }),
      );

      // A skipped transaction shows as a missing id; a reordered publish (or a key other than the
      // stream) as positions out of order for a key. Redelivery (at least once) may repeat a
      // position, so order is judged on first arrivals.
      await eventually(() => expect(new Set(seen.map((s) => s.id))).toEqual(new Set(appended.keys())), {
        timeoutMs: 45_000,
      });
      for (const stream of streams) {
        const firstArrivals = [
          ...new Map(seen.filter((s) => s.key === stream).map((s) => [s.id, s.streamPosition])).values(),
        ];
        expect(firstArrivals).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      }
    });

    it('republishes a batch when killed between publish and checkpoint (at least once)', async () => {
      const topic = uniqueTopic('relay.kill');
      await bus.ensureTopics([topic]);
      const seen = await consume(topic);
      const ids: string[] = [];
      for (let n = 1; n <= 10; n++) {
        const e = event({ n });
        ids.push(e.id);
        await log.append('k-1', [e], n === 1 ? 'no_stream' : n - 1);
      }

      // The bus has the messages durably, then the process "dies" before the checkpoint.
      const dying: Publisher = {
        publish: async (messages) => {
          await bus.publish(messages);
          throw new Error('killed after publish, before checkpoint');
        },
      };
      // One batch of all ten, once no other test's open transaction holds the horizon back.
      await eventually(async () => expect(await log.readCommitted(LOG_START, 100)).toHaveLength(10));
      await expect(relay(dying, { name: 'kafka-kill', toMessage: toMessage(topic) }).publishBatch()).rejects.toThrow(
        /killed/,
      );
      // A checkpoint stored before (or regardless of) the bus's acknowledgement would be here,
      // and the restarted relay below would then publish nothing.
      expect(await loadCheckpoint(db, 'kafka-kill')).toEqual(LOG_START);

      const restarted = relay(bus, { name: 'kafka-kill', toMessage: toMessage(topic) });
      await restarted.start();
      const count = (id: string) => seen.filter((s) => s.id === id).length;
      await eventually(() => expect(ids.filter((id) => count(id) < 2)).toEqual([]), { timeoutMs: 45_000 });
      const [last] =
        await db.query(`SELECT transaction_id::text AS "transactionId", global_position::text AS "globalPosition"
        FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`);
      await eventually(async () => expect(await loadCheckpoint(db, 'kafka-kill')).toEqual(last));
    });
  });

  it('keeps exactly one relay of a name active, and another takes over where it stopped', async () => {
    const publishers = [new MemoryPublisher(), new MemoryPublisher()];
    const pair = publishers.map((p) => relay(p, { name: 'leased' }));
    await Promise.all(pair.map((r) => r.start()));
    await eventually(() => expect(pair.filter((r) => r.isActive)).toHaveLength(1));
    const activeIndex = pair.findIndex((r) => r.isActive);
    const [active, standby] = [pair[activeIndex], pair[1 - activeIndex]];
    const [activePublisher, standbyPublisher] = [publishers[activeIndex], publishers[1 - activeIndex]];

    const before = Array.from({ length: 20 }, (_, n) => event({ n }));
    await log.append('k-1', before, 'no_stream');
    await eventually(() => expect(activePublisher.ids()).toEqual(before.map((e) => e.id)));
    // Two holders of the lease would both publish: the standby's list would not stay empty.
    expect(standby.isActive).toBe(false);
    expect(standbyPublisher.published).toEqual([]);

    await active.stop();
    await eventually(() => expect(standby.isActive).toBe(true));
    const after = Array.from({ length: 20 }, (_, n) => event({ n: n + 20 }));
    await log.append('k-1', after, 20);
    // It resumes from the shared checkpoint: it neither republishes the first 20 nor misses any.
    await eventually(() => expect(standbyPublisher.ids()).toEqual(after.map((e) => e.id)));
    expect(activePublisher.ids()).toEqual(before.map((e) => e.id));
  });

  it('hands the lease on when the active relay’s connection dies', async () => {
    const publishers = [new MemoryPublisher(), new MemoryPublisher()];
    const pair = publishers.map((p) => relay(p, { name: 'lease-death' }));
    await Promise.all(pair.map((r) => r.start()));
    await eventually(() => expect(pair.filter((r) => r.isActive)).toHaveLength(1));

    // The server drops a dead session's advisory locks; a lease that outlived its connection
    // would leave no relay active, and one the holder did not notice losing would leave two.
    const terminated = await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(terminated).toHaveLength(1);
    const appended = Array.from({ length: 10 }, (_, n) => event({ n }));
    await log.append('k-1', appended, 'no_stream');
    await eventually(() => {
      expect(pair.filter((r) => r.isActive)).toHaveLength(1);
      expect(new Set(publishers.flatMap((p) => p.ids()))).toEqual(new Set(appended.map((e) => e.id)));
    });
  });
});
