import { Client, Pool } from 'pg';
import { Bus, IncomingMessage, Subscription } from './bus';
import { Backoff } from '@ledger/eventstore';
import { deliverInOrder } from './delivery';
import type { PostgresBusOptions } from './postgres-bus';

/** Connecting gives up after a while, and TCP keepalive notices a server gone silent. */
export const CONNECTION_DEFAULTS = { connectionTimeoutMillis: 10_000, keepAlive: true } as const;

/**
 * One consumer group reading one topic of the PostgreSQL bus, in position order. Its lease is a
 * session advisory lock held by its LISTEN session: when that session is lost, so is the lease,
 * and the loop delivers nothing more until it holds a new one on a new session.
 */
export class TopicLoop {
  private running = false;
  private loop?: Promise<void>;
  private session?: Client;
  private leased = false;
  private wake?: () => void;
  private pending = false;
  private readonly backoff = new Backoff();

  constructor(
    private readonly bus: Bus,
    private readonly pool: Pool,
    private readonly options: PostgresBusOptions,
    private readonly subscription: Subscription,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    this.running = true;
    await this.holdLease();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.fire();
    await this.loop;
    await this.session?.end().catch(() => undefined);
  }

  private fire(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Never throws: a lost database is retried with backoff (up to 5 s) until it is back. */
  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.holdLease())) {
          await this.idle(1_000); // another instance of the group reads the topic
          continue;
        }
        const handled = await this.consumeBatch();
        this.backoff.reset();
        if (handled === 0) await this.idle(this.options.pollMs ?? 250);
      } catch {
        if (!this.leased) this.dropSession(this.session); // it may have died before it was watched
        await this.idle(this.backoff.next());
      }
    }
  }

  /** Whether this instance holds the group's lease, taking it if it is free. */
  private async holdLease(): Promise<boolean> {
    if (this.leased) return true;
    this.session ??= await this.listen();
    const { rows } = await this.session.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [
      `bus:${this.subscription.consumer}:${this.topic}`,
    ]);
    this.leased = rows[0].locked;
    return this.leased;
  }

  private async listen(): Promise<Client> {
    const client = new Client({ connectionString: this.options.databaseUrl, ...CONNECTION_DEFAULTS });
    client.on('notification', () => this.fire());
    client.on('error', () => this.dropSession(client));
    client.on('end', () => this.dropSession(client));
    try {
      await client.connect();
      await client.query('LISTEN bus_messages');
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private dropSession(client: Client | undefined): void {
    if (!client || this.session !== client) return;
    this.session = undefined;
    this.leased = false;
    void client.end().catch(() => undefined);
    this.fire(); // the loop may be idle for a whole poll: it takes a new lease now
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
    const messages = rows.map((row): IncomingMessage => ({
      topic: this.topic,
      partition: 0,
      offset: row.pos,
      key: row.key,
      value: row.value,
      headers: row.headers,
    }));
    // Once the lease is lost another instance may take the topic over: deliver no further.
    const running = () => this.running && this.leased;
    await deliverInOrder(
      this.subscription,
      messages,
      (m) => this.bus.publish(m),
      this.options.metrics,
      running,
      (last) => this.storePosition(last.offset),
    );
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
