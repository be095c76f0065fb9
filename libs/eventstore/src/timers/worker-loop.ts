import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../time/clock';
import { WakeUp } from '../wake-up';

const MIN_PAUSE_MS = 20;

export interface WorkerLoopOptions {
  clock: Clock;
  /** The longest sleep, in the clock's time, between two looks for work. */
  pollMs: number;
  /** How many steps run at once (each claims its own row). */
  concurrency: number;
  /**
   * With a URL, committed appends wake the loop: this process's at once, others' by LISTEN (its
   * own poll, a safety net, runs on real time). Without one the loop looks every pollMs of the clock.
   */
  databaseUrl?: string;
}

/**
 * Runs `step` until it finds no work, then sleeps on the injected clock until `untilNext` says
 * work is due, an append wakes it, or it is stopped. The timer runner and the outbox dispatcher
 * are such loops; with a ManualClock a test moves time instead of waiting.
 */
export abstract class WorkerLoop {
  private running = false;
  private loop?: Promise<void>;
  private sleeping?: AbortController;
  private readonly wake?: WakeUp;

  protected constructor(
    db: DataSource,
    private readonly loopOptions: WorkerLoopOptions,
  ) {
    if (loopOptions.databaseUrl)
      this.wake = new WakeUp(loopOptions.databaseUrl, 'ledger_events', loopOptions.pollMs, db);
  }

  /** Does one piece of work; false when there was none. */
  protected abstract step(): Promise<boolean>;
  /** Clock milliseconds until work is next due (Infinity: none known). */
  protected abstract untilNext(): Promise<number>;
  protected abstract reportError(error: unknown): void;

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.wake?.open();
    this.loop = this.run();
  }

  /** Finishes the steps in flight, then returns; nothing is claimed after it is called. */
  async stop(): Promise<void> {
    this.running = false;
    this.sleeping?.abort();
    await this.loop;
    await this.wake?.close();
  }

  /** Looks for work now instead of at the end of the current sleep. */
  nudge(): void {
    this.sleeping?.abort();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let pause: number;
      try {
        // Settled, not all: a failed drain must not leave its siblings running into the next round.
        const drains = await Promise.allSettled(
          Array.from({ length: this.loopOptions.concurrency }, () => this.drain()),
        );
        for (const drain of drains) if (drain.status === 'rejected') throw drain.reason;
        pause = await this.untilNext();
      } catch (error) {
        this.reportError(error);
        pause = this.loopOptions.pollMs;
      }
      // Work due but not claimable is held by another instance: look again soon, not at once.
      if (this.running) await this.sleep(Math.min(Math.max(pause, MIN_PAUSE_MS), this.loopOptions.pollMs));
    }
  }

  private async drain(): Promise<void> {
    while (this.running && (await this.step()));
  }

  private async sleep(ms: number): Promise<void> {
    const sleeping = new AbortController();
    this.sleeping = sleeping;
    await Promise.race([this.loopOptions.clock.sleep(ms, sleeping.signal), ...(this.wake ? [this.wake.wait()] : [])]);
    sleeping.abort(); // the clock's sleeper must not outlive the race
  }
}

/** One row's life in a worker: claimed (row-locked) in a transaction, acted on, marked done or failed. */
export interface ClaimedWork<T> {
  claim(tx: EntityManager): Promise<T | undefined>;
  act(tx: EntityManager, item: T): Promise<void>;
  done(tx: EntityManager, item: T): Promise<void>;
  /** The act failed and what it wrote is undone: record it so the row is retried later or given up. */
  failed(tx: EntityManager, item: T, error: unknown): Promise<void>;
}

/**
 * Claims one row and acts on it in one transaction: a crash rolls the claim back, so another
 * instance claims the row again (at least once); the act is made idempotent by its caller. A
 * failed act is undone to a savepoint and its failure recorded while the row is still claimed,
 * so no other instance takes the row up again before its back-off. Returns whether a row was claimed.
 * For short acts only (a timer's decision): the open transaction holds back every commit-order
 * reader on the server while it lasts. Slow work leases its row instead (see OutboxDispatcher).
 */
export async function workOnOne<T>(db: DataSource, work: ClaimedWork<T>): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await work.claim(tx);
    if (claimed === undefined) return false;
    await tx.query('SAVEPOINT claimed_work');
    try {
      await work.act(tx, claimed);
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT claimed_work');
      await work.failed(tx, claimed, error);
      return true;
    }
    await work.done(tx, claimed);
    return true;
  });
}
