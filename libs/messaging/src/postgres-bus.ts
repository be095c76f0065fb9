import { ClientBase, Pool, PoolClient } from 'pg';
import { Bus, OutgoingMessage, Subscriber, Subscription } from './bus';
import { BusMetrics } from './delivery';
import { CONNECTION_DEFAULTS, TopicLoop } from './postgres-topic-loop';

export interface PostgresBusOptions {
  databaseUrl: string;
  metrics: BusMetrics;
  pollMs?: number;
  batchSize?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bus_messages (
  position   bigserial PRIMARY KEY,
  topic      text NOT NULL,
  key        text NOT NULL,
  value      text NOT NULL,
  headers    jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS bus_messages_topic ON bus_messages (topic, position);
CREATE TABLE IF NOT EXISTS bus_offsets (
  consumer text NOT NULL,
  topic    text NOT NULL,
  position bigint NOT NULL,
  PRIMARY KEY (consumer, topic)
);
-- Publishers notify after their commit (see publish): a NOTIFY inside the transaction would hold
-- the server-wide notify lock through the commit flush.
DROP TRIGGER IF EXISTS bus_messages_notify ON bus_messages;`;

/**
 * The embedded bus: one log table with per-group offsets, woken by LISTEN/NOTIFY. Publishers
 * serialise on a transaction lock so positions become visible in order (a reader can never
 * see position n + 1 before n commits). Each topic is one partition (partition 0); one
 * instance per consumer group reads it at a time (session advisory lock).
 */
export class PostgresBus implements Bus {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private ready?: Promise<void>;
  private readonly subscribers = new Set<Subscriber>();

  constructor(private readonly options: PostgresBusOptions) {
    // A connection is handed over with no 'error' listener until withClient adds one: a server
    // shutting down can send its FATAL in that gap, and nobody listening would end the process.
    const onConnect = (client: ClientBase) => void client.on('error', () => undefined);
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 10, ...CONNECTION_DEFAULTS, onConnect });
    // An idle connection dropped by the server (restart, shutdown) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  private init(): Promise<void> {
    this.ready ??= this.withClient(async (client) => {
      await client.query('SELECT pg_advisory_lock(7421002)');
      try {
        await client.query(SCHEMA);
      } finally {
        await client.query('SELECT pg_advisory_unlock(7421002)').catch(() => undefined);
      }
    }).catch((error) => {
      this.ready = undefined; // a database that was down at the first try is tried again at the next
      throw error;
    });
    return this.ready;
  }

  /**
   * A client checked out of the pool has no error listener of the pool's: a connection lost
   * while it is held would be an unhandled 'error' event, which ends the process. It is listened
   * for here, and a client whose connection was lost is destroyed, not returned to the pool.
   */
  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let lost: Error | undefined;
    const onError = (error: Error) => (lost = error);
    client.on('error', onError);
    try {
      return await work(client);
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  async ensureTopics(): Promise<void> {
    await this.init();
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.init();
    await this.withClient(async (client) => {
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(7421003)');
        await client.query(
          `INSERT INTO bus_messages (topic, key, value, headers)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
          [
            messages.map((m) => m.topic),
            messages.map((m) => m.key),
            messages.map((m) => m.value),
            messages.map((m) => JSON.stringify(m.headers)),
          ],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await client.query(`SELECT pg_notify('bus_messages', '')`).catch(() => undefined); // consumers poll too
    });
    for (const message of messages) this.options.metrics.published.inc({ topic: message.topic });
  }

  async subscribe(subscription: Subscription): Promise<Subscriber> {
    await this.init();
    const loops = subscription.topics.map((topic) => new TopicLoop(this, this.pool, this.options, subscription, topic));
    await Promise.all(loops.map((loop) => loop.start()));
    const subscriber = { stop: async () => void (await Promise.all(loops.map((loop) => loop.stop()))) };
    this.subscribers.add(subscriber);
    return {
      stop: async () => {
        this.subscribers.delete(subscriber);
        await subscriber.stop();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscribers].map((s) => s.stop()));
    this.subscribers.clear();
    await this.pool.end();
  }
}
