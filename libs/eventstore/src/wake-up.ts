import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CONNECTION_DEFAULTS } from './database';
import type { EventLog } from './event-log';

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

/** How long a failing loop waits before its next try: doubling from minMs to maxMs, back to minMs after a success. */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly minMs = 100,
    private readonly maxMs = 5_000,
  ) {}

  next(): number {
    return Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.failures++, 20));
  }

  reset(): void {
    this.failures = 0;
  }
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
  private retry?: NodeJS.Timeout;
  private readonly pauses = new Set<() => void>();
  private readonly backoff = new Backoff(100, 5_000);
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
    await this.listen();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.url, ...CONNECTION_DEFAULTS });
    client.on('notification', () => this.fire());
    // A lost connection reports itself up to three times (failed connect, 'error', 'end'):
    // one reconnect per client, or every loss would double the reconnecting clients.
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      this.reconnectLater();
    };
    client.on('error', onLost);
    client.on('end', onLost);
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      return onLost();
    }
    if (this.closed || lost) return void client.end().catch(() => undefined);
    this.client = client;
    this.backoff.reset();
    this.fire(); // what committed while nobody listened is waiting
  }

  private reconnectLater(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.closed) void this.listen();
    }, this.backoff.next());
    this.retry.unref();
  }

  private fire(): void {
    this.pending = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** Resolves on the next signal (or one that arrived since the last wait) or after timeoutMs (default pollMs). */
  wait(timeoutMs = this.pollMs): Promise<void> {
    if (this.pending || this.closed) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        this.pending = false;
        resolve();
      };
    });
  }

  /** Resolves after ms, or at once on close: a backoff that new events do not cut short. */
  pause(ms: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pauses.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pauses.add(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const done of [...this.pauses]) done();
    clearTimeout(this.retry);
    if (this.db) localListeners.get(this.db)?.delete(this.onLocal);
    this.fire();
    await this.client?.end().catch(() => undefined);
  }
}

/** How soon a tailer that found nothing looks again while committed events are held back. */
export const HELD_BACK_RETRY_MS = 25;

/** Nothing to read: wait for the next commit's wake-up, or, if events are only held back, retry soon. */
export async function idle(wake: WakeUp, log: EventLog): Promise<void> {
  if (await log.heldBack()) await wake.pause(HELD_BACK_RETRY_MS);
  else await wake.wait();
}
