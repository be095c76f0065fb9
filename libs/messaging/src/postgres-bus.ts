import { Client, Pool } from 'pg';
import { Bus, IncomingMessage, OutgoingMessage, Subscriber, Subscription } from './bus';
import { BusMetrics, deliver } from './delivery';

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
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, shutdown) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  private init(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(7421002)');
        await client.query(SCHEMA);
      } finally {
        await client.query('SELECT pg_advisory_unlock(7421002)').catch(() => undefined);
        client.release();
      }
    })();
    return this.ready;
  }

  async ensureTopics(): Promise<void> {
    await this.init();
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.init();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(7421003)');
      await client.query(
        `INSERT INTO bus_messages (topic, key, value, headers)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
        [messages.map((m) => m.topic), messages.map((m) => m.key), messages.map((m) => m.value), messages.map((m) => JSON.stringify(m.headers))],
      );
      await client.query('COMMIT');
      await client.query(`SELECT pg_notify('bus_messages', '')`).catch(() => undefined); // consumers poll too
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
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

class TopicLoop {
  private running = false;
  private loop?: Promise<void>;
  private listener?: Client;
  private wake?: () => void;
  private pending = false;

  constructor(
    private readonly bus: Bus,
    private readonly pool: Pool,
    private readonly options: PostgresBusOptions,
    private readonly subscription: Subscription,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    this.listener = new Client({ connectionString: this.options.databaseUrl });
    this.listener.on('notification', () => this.fire());
    this.listener.on('error', () => undefined);
    await this.listener.connect();
    await this.listener.query('LISTEN bus_messages');
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.fire();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  private fire(): void {
    this.pending = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      // The session lock is the group's lease: a second instance waits until this one dies.
      const { rows } = await this.listener!.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [
        `bus:${this.subscription.consumer}:${this.topic}`,
      ]);
      if (rows[0].locked) break;
      await this.idle(1_000);
    }
    while (this.running) {
      try {
        const handled = await this.consumeBatch();
        if (handled === 0) await this.idle(this.options.pollMs ?? 250);
      } catch {
        await this.idle(500);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.pending || !this.running) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.pending = false;
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async startPosition(): Promise<bigint> {
    const { rows } = await this.pool.query('SELECT position FROM bus_offsets WHERE consumer = $1 AND topic = $2', [
      this.subscription.consumer,
      this.topic,
    ]);
    const group = rows.length ? BigInt(rows[0].position) : 0n;
    const own = (await this.subscription.storedOffsets?.(this.topic))?.get(0);
    return own !== undefined && BigInt(own) > group ? BigInt(own) : group;
  }

  private async consumeBatch(): Promise<number> {
    const after = await this.startPosition();
    const { rows } = await this.pool.query(
      // The output column must not be named position: ORDER BY would sort its text.
      'SELECT position::text AS pos, key, value, headers FROM bus_messages WHERE topic = $1 AND position > $2 ORDER BY bus_messages.position LIMIT $3',
      [this.topic, after.toString(), this.options.batchSize ?? 200],
    );
    for (const row of rows) {
      if (!this.running) break;
      const message: IncomingMessage = { topic: this.topic, partition: 0, offset: row.pos, key: row.key, value: row.value, headers: row.headers };
      await deliver(this.subscription, message, (m) => this.bus.publish(m), this.options.metrics, () => this.running);
      await this.pool.query(
        `INSERT INTO bus_offsets (consumer, topic, position) VALUES ($1, $2, $3)
         ON CONFLICT (consumer, topic) DO UPDATE SET position = EXCLUDED.position`,
        [this.subscription.consumer, this.topic, row.pos],
      );
    }
    return rows.length;
  }
}
