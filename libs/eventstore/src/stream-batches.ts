/** What one queued item came to: its own result or its own error. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit per stream, in this process: the first item for a stream runs at once; items
 * that arrive while it runs wait and then run together as one batch (one transaction, one
 * commit flush), in arrival order. So a lone command pays no added latency, and a hot stream
 * pays one commit per batch instead of one per command. Streams never wait for each other.
 */
export class StreamBatches<T, R> {
  private readonly queues = new Map<string, Waiting<T, R>[]>();

  constructor(
    private readonly run: (streamId: string, items: T[]) => Promise<Outcome<R>[]>,
    private readonly maxBatch: number,
  ) {
    if (!(maxBatch >= 1)) throw new Error(`maxBatch must be at least 1, got ${maxBatch}`);
  }

  submit(streamId: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiting = this.queues.get(streamId);
      if (waiting) {
        waiting.push({ item, resolve, reject });
        return;
      }
      this.queues.set(streamId, [{ item, resolve, reject }]);
      void this.drain(streamId);
    });
  }

  /** Streams with work queued or running (for tests and metrics). */
  get activeStreams(): number {
    return this.queues.size;
  }

  private async drain(streamId: string): Promise<void> {
    const waiting = this.queues.get(streamId) as Waiting<T, R>[];
    while (waiting.length > 0) {
      // The running batch stays at the head of the queue, so submit() keeps appending behind it.
      const batch = waiting.slice(0, this.maxBatch);
      const outcomes = await this.settle(streamId, batch.map((w) => w.item));
      waiting.splice(0, batch.length);
      batch.forEach((w, i) => {
        const outcome = outcomes[i];
        if (outcome.ok) w.resolve(outcome.value);
        else w.reject(outcome.error);
      });
    }
    this.queues.delete(streamId);
  }

  private async settle(streamId: string, items: T[]): Promise<Outcome<R>[]> {
    try {
      const outcomes = await this.run(streamId, items);
      if (outcomes.length !== items.length) throw new Error(`a batch of ${items.length} came back with ${outcomes.length} outcomes`);
      return outcomes;
    } catch (error) {
      return items.map(() => ({ ok: false, error }));
    }
  }
}
