import { DataSource, EntityManager } from 'typeorm';
import { EventLog, LogPosition, Queryable, StoredEvent } from './event-log';
import { deleteCheckpoint, loadCheckpoint, storeCheckpoint } from './checkpoints';
import { announceAppend, Backoff, idle, WakeUp } from './wake-up';

/**
 * A read model fed from the log. It names the events it handles; everything else passes by
 * (and still moves the checkpoint). apply must be idempotent per event: a rebuild or an
 * inline + async pair may show it the same event again.
 */
export interface Projection {
  name: string;
  /**
   * The definition's version (default 1). Raise it when what apply() writes changes, and an
   * inline read model is rebuilt from the log at the next start (rebuildChangedInline).
   */
  version?: number;
  handles: readonly string[];
  apply(tx: EntityManager, event: StoredEvent): Promise<void>;
  /**
   * Optional: exactly what apply() does to each of these events in order (all of a type it
   * handles), in fewer statements. Statements, not rows, are what a busy log pays for.
   */
  applyAll?(tx: EntityManager, events: StoredEvent[]): Promise<void>;
  /** Removes every row of the read model, before a rebuild. */
  reset(tx: EntityManager): Promise<void>;
  /**
   * apply() appends to the log too (starts a workflow, records a decision): after its commit the
   * runner wakes the log's tailers (relay, outbox, timers), which would otherwise find those
   * events only at their next poll.
   */
  appends?: boolean;
}

/** Applies the events a projection handles, in order, in as few statements as it allows. */
export async function project(projection: Projection, tx: EntityManager, events: StoredEvent[]): Promise<void> {
  const handled = events.filter((event) => projection.handles.includes(event.type));
  if (handled.length === 0) return;
  if (projection.applyAll) return projection.applyAll(tx, handled);
  for (const event of handled) await projection.apply(tx, event);
}

type Writer = (tx: EntityManager, events: StoredEvent[]) => Promise<unknown>;

/**
 * A way to write applyAll: the events split into runs of consecutive events of one type; a
 * run of a type in `together` is written by one call, any other event by `apply`, in order.
 */
export async function applyInRuns(
  tx: EntityManager,
  events: StoredEvent[],
  together: Record<string, Writer>,
  apply: (tx: EntityManager, event: StoredEvent) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < events.length;) {
    let end = start + 1;
    while (end < events.length && events[end].type === events[start].type) end++;
    const writer = together[events[start].type];
    if (writer) await writer(tx, events.slice(start, end));
    else for (const event of events.slice(start, end)) await apply(tx, event);
    start = end;
  }
}

export interface ProjectionRunnerOptions {
  databaseUrl: string;
  batchSize?: number;
  pollMs?: number;
  onError?: (projection: string, error: unknown) => void;
  /** Each time a round over every projection moved nothing, before the runner waits. */
  onIdle?: () => void;
}

/** Applies events to each projection and stores its checkpoint in the same transaction. */
export class ProjectionRunner {
  private readonly log: EventLog;
  private readonly wake: WakeUp;
  private running = false;
  private loop?: Promise<void>;
  private readonly failing = new Map<string, { backoff: Backoff; retryAt: number }>();

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
        await (this.failing.size > 0 ? this.wake.wait() : idle(this.wake, this.log));
      }
    }
  }

  /** A failing projection (its database gone, a bug) sits out its own backoff; the others go on meanwhile. */
  private async stepOrBackOff(projection: Projection): Promise<number> {
    const failing = this.failing.get(projection.name);
    if (failing && Date.now() < failing.retryAt) return 0;
    try {
      const moved = await this.step(projection);
      this.failing.delete(projection.name);
      return moved;
    } catch (error) {
      this.options.onError?.(projection.name, error);
      const backoff = failing?.backoff ?? new Backoff();
      this.failing.set(projection.name, { backoff, retryAt: Date.now() + backoff.next() });
      return 0;
    }
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
      }
      await recordProjectionVersion(tx, projection.name, version);
    });
  }

  /** Processes one batch for one projection; returns the number of events it moved past. */
  async step(projection: Projection): Promise<number> {
    const moved = await this.applyBatch(projection);
    if (moved > 0 && projection.appends) announceAppend(this.db);
    return moved;
  }

  private applyBatch(projection: Projection): Promise<number> {
    const name = checkpointName(projection);
    return this.db.transaction(async (tx) => {
      // Serialises instances of the same projection so two runners never double-apply a batch.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [name]);
      const after = await loadCheckpoint(tx, name);
      const events = await this.log.readCommitted(after, this.options.batchSize ?? 500, undefined, tx);
      if (events.length === 0) return 0;
      await project(projection, tx, events);
      const last = events[events.length - 1];
      const position: LogPosition = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      await storeCheckpoint(tx, name, position);
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
    await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [checkpointName(projection)]);
      await projection.reset(tx);
      await deleteCheckpoint(tx, checkpointName(projection));
    });
    await this.drain(projection, await this.head());
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

/** Which version of a read model's definition wrote its rows (see Projection.version). */
export async function recordProjectionVersion(on: Queryable, name: string, version: number): Promise<void> {
  await on.query(
    `INSERT INTO projection_versions (name, version) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, rebuilt_at = now()`,
    [name, version],
  );
}
