import { Client, Pool } from 'pg';
import { Bus, IncomingMessage, Subscription } from './bus';
import { deliverInOrder } from './delivery';
import type { PostgresBusOptions } from './postgres-bus';

/** One consumer group reading one topic of the PostgreSQL bus, in position order. */
export class TopicLoop {
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
    const messages = rows.map(
      (row): IncomingMessage => ({ topic: this.topic, partition: 0, offset: row.pos, key: row.key, value: row.value, headers: row.headers }),
    );
    const running = () => this.running;
    await deliverInOrder(this.subscription, messages, (m) => this.bus.publish(m), this.options.metrics, running, (last) => this.storePosition(last.offset));
    return rows.length;
  }

  private async storePosition(position: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO bus_offsets (consumer, topic, position) VALUES ($1, $2, $3)
       ON CONFLICT (consumer, topic) DO UPDATE SET position = EXCLUDED.position`,
      [this.subscription.consumer, this.topic, position],
    );
  }
}
