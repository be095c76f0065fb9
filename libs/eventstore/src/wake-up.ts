import { Client } from 'pg';

/**
 * A LISTEN connection that wakes a tailing loop when events commit, with a polling fallback:
 * an event may become readable without a notify (an older transaction finishing), and a lost
 * connection must only delay, never stall, the loop.
 */
export class WakeUp {
  private client?: Client;
  private waiter?: () => void;
  private pending = false;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly pollMs: number,
  ) {}

  async open(): Promise<void> {
    if (this.closed) return;
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
    if (!this.closed) setTimeout(() => void this.open(), 1_000).unref();
  }

  private fire(): void {
    this.pending = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** Resolves on the next notify (or one that arrived since the last wait) or after pollMs. */
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
    this.fire();
    await this.client?.end().catch(() => undefined);
  }
}
