import { DataSource } from 'typeorm';
import { EventLog, LogPosition, Queryable, StoredEvent } from './event-log';
import { deleteCheckpoint, loadCheckpoint, storeCheckpoint } from './checkpoints';
import { announceAppend, Backoff, idle, WakeUp } from './wake-up';
import { forgetParked, mayBeTheEventsFault, parkEvent } from './projection-parking';
import { project, Projection } from './projection-definition';

export * from './projection-definition';

export interface ProjectionRunnerOptions {
  databaseUrl: string;
  batchSize?: number;
  pollMs?: number;
  onError?: (projection: string, error: unknown) => void;
  /** Each time a round over every projection moved nothing, before the runner waits. */
  onIdle?: () => void;
  /**
   * How many times in a row a projection may fail on one event, its database answering, before
   * the event is parked and the projection goes on past it (default 5; 0: never park).
   */
  parkAfterAttempts?: number;
  onParked?: (projection: string, event: StoredEvent, error: unknown) => void;
}

/** A projection that failed: when it tries again, and how far it goes one event at a time. */
interface Trouble {
  backoff: Backoff;
  retryAt: number;
  /** The end of the batch that failed: up to it, one event per transaction, to find the culprit. */
  isolateThrough?: LogPosition;
  /** The one event it failed on alone, and how many times in a row. */
  suspect?: { id: string; attempts: number };
}

/** What one step read before it failed (if it got that far). */
interface Attempt {
  read?: StoredEvent[];
}

/** Applies events to each projection and stores its checkpoint in the same transaction. */
export class ProjectionRunner {
  private readonly log: EventLog;
  private readonly wake: WakeUp;
  private running = false;
  private loop?: Promise<void>;
  private readonly troubles = new Map<string, Trouble>();

  constructor(
    private readonly db: DataSource,
    private readonly projections: Projection[],
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.log = new EventLog(db);
    this.wake = new WakeUp(options.databaseUrl, 'ledger_events', options.pollMs ?? 100, db);
  }

  async start(): Promise<void> {
    for (const projection of this.projections) await this.startOverIfChanged(projection);
    this.running = true;
    await this.wake.open();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.wake.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let progressed = 0;
      for (const projection of this.projections) progressed += await this.stepOrBackOff(projection);
      if (progressed === 0) {
        this.options.onIdle?.();
        // A failing projection (the database gone) backs off on its own: asking the database
        // whether events are held back would only add connection attempts to a dead server.
        await (this.troubles.size > 0 ? this.wake.wait() : idle(this.wake, this.log));
      }
    }
  }

  /**
   * A failing projection (its database gone, a bug) sits out its own backoff; the others go on
   * meanwhile. A batch that failed is retried one event at a time, and an event failed on alone
   * past the retry budget, while the database answers, is parked (projection-parking.ts).
   */
  private async stepOrBackOff(projection: Projection): Promise<number> {
    const trouble = this.troubles.get(projection.name);
    if (trouble && Date.now() < trouble.retryAt) return 0;
    const attempt: Attempt = {};
    try {
      const moved = await this.stepWith(projection, trouble?.isolateThrough ? 1 : undefined, attempt);
      this.recovered(projection, trouble, attempt);
      return moved;
    } catch (error) {
      this.options.onError?.(projection.name, error);
      return this.failed(projection, trouble, attempt.read ?? [], error);
    }
  }

  private recovered(projection: Projection, trouble: Trouble | undefined, attempt: Attempt): void {
    if (!trouble) return;
    const last = attempt.read?.at(-1);
    if (trouble.isolateThrough && last && !atOrAfter(positionOf(last), trouble.isolateThrough)) {
      Object.assign(trouble, { retryAt: 0, suspect: undefined });
      trouble.backoff.reset();
    } else this.troubles.delete(projection.name);
  }

  private async failed(projection: Projection, known: Trouble | undefined, read: StoredEvent[], error: unknown) {
    const trouble: Trouble = known ?? { backoff: new Backoff(), retryAt: 0 };
    this.troubles.set(projection.name, trouble);
    // The database's own failures (gone, a conflict) say nothing about any event: they neither
    // split the batch nor count against the event being retried.
    const suspicious = mayBeTheEventsFault(error);
    if (suspicious && read.length > 1) trouble.isolateThrough = positionOf(read[read.length - 1]);
    if (suspicious && read.length === 1) {
      const [event] = read;
      const attempts = trouble.suspect?.id === event.id ? trouble.suspect.attempts + 1 : 1;
      trouble.suspect = { id: event.id, attempts };
      const budget = this.options.parkAfterAttempts ?? 5;
      if (budget > 0 && attempts >= budget && (await this.databaseAnswers())) {
        const parked = await this.park(projection, event, error, attempts).catch(() => false);
        if (parked) {
          this.recovered(projection, trouble, { read });
          return 1;
        }
      }
    }
    trouble.retryAt = Date.now() + trouble.backoff.next();
    return 0;
  }

  private databaseAnswers(): Promise<boolean> {
    return this.db.query('SELECT 1').then(
      () => true,
      () => false,
    );
  }

  /** Sets the event aside and moves the checkpoint past it, if it is still the next one. */
  private park(projection: Projection, event: StoredEvent, error: unknown, attempts: number): Promise<boolean> {
    const name = checkpointName(projection);
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [name]);
      const [next] = await this.log.readCommitted(await loadCheckpoint(tx, name), 1, undefined, tx);
      if (next?.id !== event.id) return false;
      await parkEvent(tx, projection.name, event, error, attempts);
      await storeCheckpoint(tx, name, positionOf(event));
      this.options.onParked?.(projection.name, event, error);
      return true;
    });
  }

  /**
   * A read model whose rows another version of its definition wrote (Projection.version) is
   * emptied and its checkpoint dropped, so the runner replays the log into it from the start.
   * Rows from before versions were recorded count as version 1.
   */
  private async startOverIfChanged(projection: Projection): Promise<void> {
    const name = checkpointName(projection);
    const version = projection.version ?? 1;
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [name]);
      const [stored] = await tx.query(`SELECT version FROM projection_versions WHERE name = $1`, [projection.name]);
      if (stored?.version === version) return;
      if ((stored?.version ?? 1) !== version) {
        await projection.reset(tx);
        await deleteCheckpoint(tx, name);
        await forgetParked(tx, projection.name);
      }
      await recordProjectionVersion(tx, projection.name, version);
    });
  }

  /** Processes one batch for one projection; returns the number of events it moved past. */
  step(projection: Projection): Promise<number> {
    return this.stepWith(projection);
  }

  private async stepWith(projection: Projection, limit?: number, attempt: Attempt = {}): Promise<number> {
    const moved = await this.applyBatch(projection, limit ?? this.options.batchSize ?? 500, attempt);
    if (moved > 0 && projection.appends) announceAppend(this.db);
    return moved;
  }

  private applyBatch(projection: Projection, limit: number, attempt: Attempt): Promise<number> {
    const name = checkpointName(projection);
    return this.db.transaction(async (tx) => {
      // Serialises instances of the same projection so two runners never double-apply a batch.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [name]);
      const after = await loadCheckpoint(tx, name);
      const events = await this.log.readCommitted(after, limit, undefined, tx);
      attempt.read = events;
      if (events.length === 0) return 0;
      await project(projection, tx, events);
      await storeCheckpoint(tx, name, positionOf(events[events.length - 1]));
      return events.length;
    });
  }

  /** Runs every projection until it has read everything committed so far. */
  async catchUp(): Promise<void> {
    const head = await this.head();
    for (const projection of this.projections) await this.drain(projection, head);
  }

  /**
   * Drops the read model and replays the whole log into it (DESIGN.md invariant 6), in steps
   * that commit as they go. For a read model that commands keep inline, while commands run, use
   * rebuildInline: it holds those writers back for the whole replay.
   */
  async rebuild(projection: Projection): Promise<void> {
    await this.startOver(projection);
    await this.drain(projection, await this.head());
  }

  /**
   * Empties the read model, its checkpoint and what it parked, in one transaction; the running
   * loop (woken here) replays the log into it from the start, as it catches up on anything.
   */
  async startOver(projection: Projection): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [checkpointName(projection)]);
      await projection.reset(tx);
      await deleteCheckpoint(tx, checkpointName(projection));
      await forgetParked(tx, projection.name);
    });
    announceAppend(this.db);
  }

  /**
   * Steps until the checkpoint reaches `head`. An empty step does not mean caught up: while an
   * older transaction (on any database of the server) is in flight, the events committed after
   * it are not readable yet, so wait for it rather than return a partial read model.
   */
  private async drain(projection: Projection, head: LogPosition | undefined): Promise<void> {
    while (head && !atOrAfter(await loadCheckpoint(this.db, checkpointName(projection)), head)) {
      if ((await this.step(projection)) === 0)
        await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 100));
    }
  }

  /** The last event committed so far, in the order projections read the log. */
  private async head(): Promise<LogPosition | undefined> {
    const rows: LogPosition[] = await this.db.query(
      `SELECT transaction_id::text AS "transactionId", global_position::text AS "globalPosition"
       FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    return rows[0];
  }
}

function atOrAfter(position: LogPosition, target: LogPosition): boolean {
  const [xid, targetXid] = [BigInt(position.transactionId), BigInt(target.transactionId)];
  return xid !== targetXid ? xid > targetXid : BigInt(position.globalPosition) >= BigInt(target.globalPosition);
}

const checkpointName = (projection: Projection) => `projection:${projection.name}`;

const positionOf = (event: StoredEvent): LogPosition => ({
  transactionId: event.transactionId,
  globalPosition: event.globalPosition,
});

/** Which version of a read model's definition wrote its rows (see Projection.version). */
export async function recordProjectionVersion(on: Queryable, name: string, version: number): Promise<void> {
  await on.query(
    `INSERT INTO projection_versions (name, version) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, rebuilt_at = now()`,
    [name, version],
  );
}
