import { Client } from 'pg';
import { DataSource } from 'typeorm';

const localListeners = new WeakMap<DataSource, Set<() => void>>();
const notifying = new WeakMap<DataSource, { inFlight: boolean; again: boolean }>();

/**
 * Called by writers after their transaction committed. Wakes tailers of the same log in this
 * process at once, and others through one coalesced NOTIFY sent outside the writer's
 * transaction: a NOTIFY inside it would take PostgreSQL's global notify lock until the commit
 * is flushed, serialising every writer's commit (measured: it halved register-version throughput).
 */
export function announceAppend(db: DataSource): void {
  for (const listener of localListeners.get(db) ?? []) listener();
  const state = notifying.get(db) ?? { inFlight: false, again: false };
  notifying.set(db, state);
  if (state.inFlight) {
    state.again = true;
    return;
  }
  state.inFlight = true;
  const send = (): void => {
    state.again = false;
    db.query(`SELECT pg_notify('ledger_events', '')`)
      .catch(() => undefined) // tailers poll as well: a lost notify only delays
      .finally(() => (state.again && db.isInitialized ? send() : (state.inFlight = false)));
  };
  send();
}

/**
 * Wakes a tailing loop (relay, projection runner) when events commit: at once for writers in
 * this process, by LISTEN for writers elsewhere, and by polling in any case — an event can also
 * become readable without any signal (an older transaction finishing), and a lost connection
 * must only delay the loop, never stall it.
 */
export class WakeUp {
  private client?: Client;
  private waiter?: () => void;
  private pending = false;
  private closed = false;
  private readonly onLocal = () => this.fire();

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly pollMs: number,
    private readonly db?: DataSource,
  ) {}

  async open(): Promise<void> {
    if (this.closed) return;
    if (this.db) {
      const listeners = localListeners.get(this.db) ?? new Set();
      listeners.add(this.onLocal);
      localListeners.set(this.db, listeners);
    }
    const client = new Client({ connectionString: this.url });
    client.on('notification', () => this.fire());
    client.on('error', () => this.reconnectLater());
    client.on('end', () => this.reconnectLater());
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
    } catch {
      this.reconnectLater();
    }
  }

  private reconnectLater(): void {
    this.client = undefined;
    if (!this.closed) setTimeout(() => void this.reopen(), 1_000).unref();
  }

  private async reopen(): Promise<void> {
    if (this.db) localListeners.get(this.db)?.delete(this.onLocal);
    await this.open();
  }

  private fire(): void {
    this.pending = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** Resolves on the next signal (or one that arrived since the last wait) or after pollMs. */
  wait(): Promise<void> {
    if (this.pending || this.closed) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, this.pollMs);
      this.waiter = () => {
        clearTimeout(timer);
        this.pending = false;
        resolve();
      };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.db) localListeners.get(this.db)?.delete(this.onLocal);
    this.fire();
    await this.client?.end().catch(() => undefined);
  }
}
