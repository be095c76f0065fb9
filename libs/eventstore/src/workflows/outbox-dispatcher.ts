import { DataSource } from 'typeorm';
import { Command, LedgerError } from '@ledger/contracts';
import { Clock } from '../time/clock';
import { WorkerLoop, workOnOne } from '../timers/worker-loop';
import { claimPending, markDeliveryFailed, markDispatched, PendingCommand, untilNextDelivery } from './command-outbox';

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
  /** Deliveries tried before a command is given up (default 5); refused by the domain, it is given up at once. */
  maxAttempts?: number;
  retryMs?: number;
  onError?: (error: unknown, command?: Command) => void;
}

/** Drains the commands a workflow decided to send, in order, woken by appends and on the clock. */
export class OutboxDispatcher extends WorkerLoop {
  constructor(
    private readonly db: DataSource,
    private readonly options: OutboxDispatcherOptions,
  ) {
    // One at a time keeps a sender's commands in the order they were decided.
    super(db, {
      clock: options.clock,
      pollMs: options.pollMs ?? 1_000,
      concurrency: 1,
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
  deliverOne(): Promise<boolean> {
    const now = this.options.clock.now();
    return workOnOne<PendingCommand>(this.db, {
      claim: (tx) => claimPending(tx, this.options.sender, now),
      act: (_tx, pending) => this.options.deliver(pending.command),
      done: (tx, pending) => markDispatched(tx, pending.position, now),
      failed: async (tx, pending, error) => {
        this.reportError(error, pending.command);
        await markDeliveryFailed(tx, pending.position, error, now, this.retryAt(pending, error, now));
      },
    });
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
