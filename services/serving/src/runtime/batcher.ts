import type { WireFeeds } from './replica-protocol';
import { batchKey, concatFeeds, rowsOf, splitOutputs } from './batch.domain';

export interface BatchingOptions {
  /** How long a request waits for others to share its batch while every replica is busy (ms). */
  windowMs: number;
  /** A batch is sent as soon as it holds this many rows. */
  maxRows: number;
}

export const DEFAULT_BATCHING: BatchingOptions = { windowMs: 2, maxRows: 64 };

interface Queued {
  feeds: WireFeeds;
  rows: number;
  resolve(outputs: WireFeeds): void;
  reject(error: unknown): void;
}

interface Runner {
  run(feeds: WireFeeds): Promise<WireFeeds>;
  readonly hasIdleReplica: boolean;
}

/**
 * Collects concurrent requests to one version into batches. A request that finds a replica idle
 * and nobody waiting goes at once (no added latency when the version is not busy); otherwise it
 * waits up to the window, or until the batch is full, and the batch runs as one inference.
 */
export class Batcher {
  private readonly queues = new Map<string, { items: Queued[]; rows: number; timer: NodeJS.Timeout }>();
  private readonly running = new Set<Promise<unknown>>();
  /** Sizes (rows) of the batches sent, for the batch size histogram. */
  onBatch: (rows: number) => void = () => undefined;

  constructor(
    private readonly runner: Runner,
    private readonly options: BatchingOptions = DEFAULT_BATCHING,
  ) {}

  submit(feeds: WireFeeds): Promise<WireFeeds> {
    const rows = rowsOf(feeds);
    const key = batchKey(feeds);
    if (rows >= this.options.maxRows || (!this.queues.has(key) && this.runner.hasIdleReplica)) {
      this.onBatch(rows);
      return this.track(this.runner.run(feeds));
    }
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(key) ?? this.open(key);
      queue.items.push({ feeds, rows, resolve, reject });
      queue.rows += rows;
      if (queue.rows >= this.options.maxRows) this.flush(key);
    });
  }

  private open(key: string) {
    const queue = { items: [] as Queued[], rows: 0, timer: setTimeout(() => this.flush(key), this.options.windowMs) };
    this.queues.set(key, queue);
    return queue;
  }

  private flush(key: string): void {
    const queue = this.queues.get(key);
    if (!queue) return;
    this.queues.delete(key);
    clearTimeout(queue.timer);
    this.onBatch(queue.rows);
    void this.track(this.runBatch(queue.items));
  }

  /** Sends every waiting batch now and resolves when all sent requests are answered (before an unload). */
  async drain(): Promise<void> {
    for (const key of [...this.queues.keys()]) this.flush(key);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private track<T>(run: Promise<T>): Promise<T> {
    this.running.add(run);
    const done = () => this.running.delete(run);
    run.then(done, done);
    return run;
  }

  private async runBatch(items: Queued[]): Promise<void> {
    if (items.length === 1) return this.runAlone(items[0]);
    let outputs: WireFeeds;
    try {
      outputs = await this.runner.run(concatFeeds(items.map((i) => i.feeds)));
    } catch {
      // One bad row fails a whole batch: each request runs alone so only its own rows decide.
      await Promise.all(items.map((i) => this.runAlone(i)));
      return;
    }
    const parts = splitOutputs(
      outputs,
      items.map((i) => i.rows),
    );
    if (!parts) return void (await Promise.all(items.map((i) => this.runAlone(i))));
    items.forEach((item, i) => item.resolve(parts[i]));
  }

  private async runAlone(item: Queued): Promise<void> {
    await this.runner.run(item.feeds).then(item.resolve, item.reject);
  }
}
