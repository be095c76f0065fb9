import { DataSource } from 'typeorm';
import { Command, LedgerError } from '@ledger/contracts';
import { Clock } from '../time/clock';
import { newId } from '../ids';
import { WorkerLoop } from '../timers/worker-loop';
import {
  LeasedCommand,
  leasePending,
  markDeliveryFailed,
  markDispatched,
  PendingCommand,
  renewLease,
  untilNextDelivery,
} from './command-outbox';

const DEFAULT_LEASE_MS = 15_000;

export interface OutboxDispatcherOptions {
  /** Whose commands it delivers (a workflow's name). */
  sender: string;
  clock: Clock;
  /**
   * Hands a command to its receiver: a CommandHandler in this process, or the bus. Delivery is
   * at least once; the receiver dedupes on command.metadata.commandId.
   */
  deliver: (command: Command) => Promise<void>;
  databaseUrl?: string;
  pollMs?: number;
  /**
   * Deliveries at once (default 1, which keeps a sender's commands in the order they were
   * decided). More only for a sender whose commands need no order among themselves.
   */
  concurrency?: number;
  /** Deliveries tried before a command is given up (default 5); refused by the domain, it is given up at once. */
  maxAttempts?: number;
  retryMs?: number;
  /**
   * How long, in the clock's time, a claimed command is this dispatcher's (default 15 s); it is
   * renewed every third of that while the delivery lasts. A delivery is not inside a
   * transaction: a crash leaves the lease to run out, and the command is delivered again.
   */
  leaseMs?: number;
  onError?: (error: unknown, command?: Command) => void;
}

/**
 * Drains the commands a workflow decided to send, in order, woken by appends and on the clock.
 * Each command is leased in a short transaction, delivered outside any, and marked in another:
 * an open transaction would hold back every commit-order reader (relays, projections) on the
 * server for as long as a delivery takes.
 */
export class OutboxDispatcher extends WorkerLoop {
  constructor(
    private readonly db: DataSource,
    private readonly options: OutboxDispatcherOptions,
  ) {
    // One at a time keeps a sender's commands in the order they were decided.
    super(db, {
      clock: options.clock,
      pollMs: options.pollMs ?? 1_000,
      concurrency: options.concurrency ?? 1,
      databaseUrl: options.databaseUrl,
    });
  }

  protected step(): Promise<boolean> {
    return this.deliverOne();
  }

  protected untilNext(): Promise<number> {
    return untilNextDelivery(this.db, this.options.sender, this.options.clock.now());
  }

  /** Delivers the oldest waiting command, if any; false when none waits. */
  async deliverOne(): Promise<boolean> {
    const now = this.options.clock.now();
    const lease = { id: newId(), until: new Date(now.getTime() + this.leaseMs) };
    const leased = await leasePending(this.db, this.options.sender, now, lease);
    if (!leased) return false;
    const failure = await this.deliverLeased(leased);
    const at = this.options.clock.now();
    if (failure) {
      this.reportError(failure.error, leased.command);
      const retryAt = this.retryAt(leased, failure.error, at);
      await markDeliveryFailed(this.db, leased.position, failure.error, at, retryAt, leased.leaseId);
    } else await markDispatched(this.db, leased.position, at);
    return true;
  }

  /** Delivers with the lease renewed meanwhile; what failed, if it did. */
  private async deliverLeased(leased: LeasedCommand): Promise<{ error: unknown } | undefined> {
    const delivering = new AbortController();
    const renewing = this.renewWhile(leased, delivering.signal);
    try {
      await this.options.deliver(leased.command);
      return undefined;
    } catch (error) {
      return { error };
    } finally {
      delivering.abort();
      await renewing;
    }
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Keeps a slow delivery's lease alive; a renewal that fails is reported and tried at the next beat. */
  private async renewWhile(leased: LeasedCommand, delivering: AbortSignal): Promise<void> {
    const { clock } = this.options;
    for (;;) {
      await clock.sleep(this.leaseMs / 3, delivering);
      if (delivering.aborted) return;
      const until = new Date(clock.now().getTime() + this.leaseMs);
      try {
        if (!(await renewLease(this.db, leased.position, leased.leaseId, until))) return;
      } catch (error) {
        this.reportError(error, leased.command);
      }
    }
  }

  private retryAt(pending: PendingCommand, error: unknown, now: Date): Date | undefined {
    const attempt = pending.attempts + 1;
    const refused = error instanceof LedgerError && !(error.kind === 'Conflict' || error.kind === 'Unavailable');
    if (refused || attempt >= (this.options.maxAttempts ?? 5)) return undefined;
    return new Date(now.getTime() + attempt * (this.options.retryMs ?? 1_000));
  }

  protected reportError(error: unknown, command?: Command): void {
    (
      this.options.onError ??
      ((e, c) => console.error(`outbox ${this.options.sender}${c ? ` (${c.metadata.commandId})` : ''}:`, e))
    )(error, command);
  }
}
