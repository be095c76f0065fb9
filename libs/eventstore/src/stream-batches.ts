import { UnavailableError } from '@ledger/contracts';

/** What one queued item came to: its own result or its own error. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Items per stream, in arrival order; a Map keeps streams in the order they joined the batch. */
export type Batch<T> = Map<string, T[]>;

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export interface StreamBatchesOptions {
  /** Most items in one batch, over all its streams. */
  maxBatch: number;
  /** Most batches running at once. */
  maxInFlight: number;
  /** Most items waiting; beyond it submit() refuses at once instead of queueing without bound. */
  maxWaiting?: number;
}

/**
 * Group commit, in this process. An item runs at once when a batch slot is free and its stream
 * is not in a running batch; otherwise it waits, and waiting items then run together as one
 * batch (one transaction, one commit flush) — items of one stream in arrival order, items of
 * several streams side by side. So a lone command pays no added latency, a busy log pays one
 * commit per batch, and no stream is ever in two batches at once.
 */
export class StreamBatches<T, R> {
  private readonly waiting = new Map<string, Waiting<T, R>[]>();
  private readonly running = new Set<string>();
  private inFlight = 0;
  private waitingCount = 0;

  constructor(
    private readonly run: (batch: Batch<T>) => Promise<Map<string, Outcome<R>[]>>,
    private readonly options: StreamBatchesOptions,
  ) {
    if (!(options.maxBatch >= 1) || !(options.maxInFlight >= 1))
      throw new Error(`maxBatch and maxInFlight must be at least 1`);
  }

  submit(streamId: string, item: T): Promise<R> {
    const limit = this.options.maxWaiting ?? Infinity;
    if (this.waitingCount >= limit) {
      return Promise.reject(
        new UnavailableError(`too busy: ${limit} commands are already waiting for a transaction; retry shortly`),
      );
    }
    this.waitingCount++;
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(streamId) ?? [];
      queue.push({ item, resolve, reject });
      this.waiting.set(streamId, queue);
      this.pump();
    });
  }

  /** Streams with items waiting or running (for tests and metrics). */
  get activeStreams(): number {
    return new Set([...this.waiting.keys(), ...this.running]).size;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const batch = this.take();
      if (batch.size === 0) return;
      this.inFlight++;
      void this.settle(batch).finally(() => {
        this.inFlight--;
        for (const streamId of batch.keys()) this.running.delete(streamId);
        this.pump();
      });
    }
  }

  /** Waiting items of streams not running, oldest stream first, up to maxBatch. */
  private take(): Map<string, Waiting<T, R>[]> {
    const batch = new Map<string, Waiting<T, R>[]>();
    let size = 0;
    for (const [streamId, queue] of this.waiting) {
      if (size >= this.options.maxBatch) break;
      if (this.running.has(streamId)) continue;
      const taken = queue.splice(0, this.options.maxBatch - size);
      this.waitingCount -= taken.length;
      if (queue.length === 0) this.waiting.delete(streamId);
      batch.set(streamId, taken);
      this.running.add(streamId);
      size += taken.length;
    }
    return batch;
  }

  private async settle(batch: Map<string, Waiting<T, R>[]>): Promise<void> {
    let outcomes: Map<string, Outcome<R>[]>;
    try {
      outcomes = await this.run(new Map([...batch].map(([streamId, queue]) => [streamId, queue.map((w) => w.item)])));
    } catch (error) {
      outcomes = new Map([...batch].map(([streamId, queue]) => [streamId, queue.map(() => ({ ok: false, error }))]));
    }
    for (const [streamId, queue] of batch) {
      const results = outcomes.get(streamId);
      queue.forEach((w, i) => {
        const outcome = results?.[i] ?? {
          ok: false,
          error: new Error(`no outcome for item ${i} of stream ${streamId} in its batch`),
        };
        if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      });
    }
  }
}
