import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../time/clock';
import { announceAppend } from '../wake-up';
import { claimDueTimer, markFired, markFiringFailed, nextDueAt, StoredTimer } from './timer-store';
import { WorkerLoop, workOnOne } from './worker-loop';

/** A timer handed to its owner: `commandId` is the same on every firing of it, so its effect can happen once. */
export interface DueTimer extends StoredTimer {
  firedAt: Date;
  commandId: string;
}

export const timerCommandId = (timerId: string): string => `timer:${timerId}`;

export interface TimerRunnerOptions {
  owner: string;
  clock: Clock;
  /**
   * The timer's effect. Written with `tx` it commits with the timer's "fired" mark (exactly
   * once); written elsewhere it must be idempotent on `timer.commandId` (a crash fires again).
   */
  fire: (tx: EntityManager, timer: DueTimer) => Promise<void>;
  /** To be woken when a timer is set in another process; otherwise it looks every pollMs. */
  databaseUrl?: string;
  /** Longest sleep between looks, in the clock's time (default 1,000). */
  pollMs?: number;
  /** Firings tried before a timer is given up as failed (default 5); the n-th retry waits n × retryMs. */
  maxAttempts?: number;
  retryMs?: number;
  concurrency?: number;
  onError?: (error: unknown, timer?: StoredTimer) => void;
}

/**
 * Fires an owner's due timers, at least once each, after their due time on the injected clock.
 * Several instances may run: each claims a timer with FOR UPDATE SKIP LOCKED and holds it until
 * its effect committed; a crash releases it to the next instance.
 */
export class TimerRunner extends WorkerLoop {
  constructor(
    private readonly db: DataSource,
    private readonly options: TimerRunnerOptions,
  ) {
    super(db, {
      clock: options.clock,
      pollMs: options.pollMs ?? 1_000,
      concurrency: options.concurrency ?? 2,
      databaseUrl: options.databaseUrl,
    });
  }

  protected step(): Promise<boolean> {
    return this.fireOne();
  }

  /** Fires one due timer, if any; false when none is due. */
  async fireOne(): Promise<boolean> {
    const now = this.options.clock.now();
    const fired = await workOnOne<StoredTimer>(this.db, {
      claim: (tx) => claimDueTimer(tx, this.options.owner, now),
      act: (tx, timer) => this.options.fire(tx, { ...timer, firedAt: now, commandId: timerCommandId(timer.timerId) }),
      done: (tx, timer) => markFired(tx, timer.timerId, now),
      failed: async (tx, timer, error) => {
        this.reportError(error, timer);
        await markFiringFailed(tx, timer.timerId, error, this.retryAt(timer, now));
      },
    });
    if (fired) announceAppend(this.db); // a firing usually appends: wake the tailers and the outbox
    return fired;
  }

  private retryAt(timer: StoredTimer, now: Date): Date | undefined {
    const attempt = timer.attempts + 1;
    if (attempt >= (this.options.maxAttempts ?? 5)) return undefined;
    return new Date(now.getTime() + attempt * (this.options.retryMs ?? 1_000));
  }

  protected async untilNext(): Promise<number> {
    const due = await nextDueAt(this.db, this.options.owner);
    return due ? due.getTime() - this.options.clock.now().getTime() : Number.POSITIVE_INFINITY;
  }

  protected reportError(error: unknown, timer?: StoredTimer): void {
    (
      this.options.onError ??
      ((e, t) => console.error(`timer runner ${this.options.owner}${t ? ` (${t.timerId})` : ''}:`, e))
    )(error, timer);
  }
}
