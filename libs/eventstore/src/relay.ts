import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { EventLog, LogPosition, StoredEvent } from './event-log';
import { loadCheckpoint, storeCheckpoint } from './checkpoints';
import { Backoff, idle, WakeUp } from './wake-up';
import { CONNECTION_DEFAULTS } from './database';

export interface OutgoingMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The part of the bus the relay needs; publish resolves once every message is durable. */
export interface Publisher {
  publish(messages: OutgoingMessage[]): Promise<void>;
}

export interface RelayOptions {
  name: string;
  databaseUrl: string;
  toMessage: (event: StoredEvent) => OutgoingMessage;
  /** SQL predicate on events selecting what this relay publishes (e.g. not the inbox). */
  filter?: string;
  batchSize?: number;
  pollMs?: number;
  leaseRetryMs?: number;
  onError?: (error: unknown) => void;
  onPublished?: (count: number) => void;
  /** Each time a read found nothing to publish, before the relay waits. */
  onIdle?: () => void;
}

/**
 * Tails the log in commit order and publishes it (DESIGN.md invariant 3). The checkpoint
 * moves only after the bus acknowledged, so a kill at any point publishes again, never zero
 * times. One active instance per log: the holder of a session advisory lock, which the
 * server releases if the holder's connection dies (the lease).
 */
export class Relay {
  private readonly log: EventLog;
  private wake: WakeUp;
  private running = false;
  private loop?: Promise<void>;
  private leaseClient?: Client;
  private active = false;
  private readonly backoff = new Backoff(100, 5_000);

  constructor(
    private readonly db: DataSource,
    private readonly publisher: Publisher,
    private readonly options: RelayOptions,
  ) {
    this.log = new EventLog(db);
    this.wake = new WakeUp(options.databaseUrl, 'ledger_events', options.pollMs ?? 100, db);
  }

  get isActive(): boolean {
    return this.active;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.wake = new WakeUp(this.options.databaseUrl, 'ledger_events', this.options.pollMs ?? 100, this.db);
    await this.wake.open();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.wake.close();
    await this.loop;
    await this.releaseLease();
  }

  /** Failures (the database or the bus gone) are retried with backoff until they pass. */
  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.holdLease())) {
          await sleep(this.options.leaseRetryMs ?? 1_000);
          continue;
        }
        const published = await this.publishBatch();
        this.backoff.reset();
        if (published === 0) {
          this.options.onIdle?.();
          await idle(this.wake, this.log);
        }
      } catch (error) {
        this.options.onError?.(error);
        await this.releaseLease();
        await this.wake.pause(this.backoff.next());
      }
    }
  }

  /** Publishes one batch; returns how many events it published. */
  async publishBatch(): Promise<number> {
    const after = await loadCheckpoint(this.db, this.options.name);
    const events = await this.log.readCommitted(after, this.options.batchSize ?? 500, this.options.filter);
    if (events.length === 0) return 0;
    await this.publisher.publish(events.map(this.options.toMessage));
    const last = events[events.length - 1];
    const position: LogPosition = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    await storeCheckpoint(this.db, this.options.name, position);
    this.options.onPublished?.(events.length);
    return events.length;
  }

  /**
   * What is committed but not yet published, and how long the oldest of it has waited. Counts
   * events the relay may not read yet: a transaction left open anywhere on the server holds
   * them back (see readCommitted), and this is where that shows. Capped at 100,000 events.
   */
  async lag(): Promise<{ events: number; oldestSeconds: number }> {
    const after = await loadCheckpoint(this.db, this.options.name);
    const filter = this.options.filter ? `AND (${this.options.filter})` : '';
    const [row] = await this.db.query(
      `SELECT count(*)::int AS events, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS "oldestSeconds"
       FROM (SELECT created_at FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) ${filter} LIMIT 100000) pending`,
      [after.transactionId, after.globalPosition],
    );
    return row;
  }

  private async holdLease(): Promise<boolean> {
    if (this.active && this.leaseClient) return true;
    if (this.leaseClient) await this.releaseLease();
    const client = new Client({ connectionString: this.options.databaseUrl, ...CONNECTION_DEFAULTS });
    // The lease dies with its session: the next turn takes a new one before publishing.
    client.on('error', () => (this.active = false));
    client.on('end', () => (this.active = false));
    let locked = false;
    try {
      await client.connect();
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [
        `relay:${this.options.name}`,
      ]);
      locked = rows[0].locked;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (!locked) {
      await client.end();
      return false;
    }
    this.leaseClient = client;
    this.active = true;
    return true;
  }

  private async releaseLease(): Promise<void> {
    this.active = false;
    const client = this.leaseClient;
    this.leaseClient = undefined;
    await client?.end().catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
