import { DataSource, EntityManager } from 'typeorm';
import { Command, ConflictError, Decider, DomainEvent, MessageCatalog } from '@ledger/contracts';
import { EventLog, StoredEvent } from './event-log';
import { Planned, planInTurn } from './batch-plan';
import { appendPlanned, rememberCommands, seenCommands } from './command-writes';
import { project, Projection } from './projection';
import { loadSnapshot, SnapshotPolicy, storeSnapshot } from './snapshots';
import { Outcome, StreamBatches } from './stream-batches';
import { announceAppend } from './wake-up';

export interface CommandHandlerOptions<C extends Command, E extends DomainEvent, S> {
  decider: Decider<C, E, S>;
  /** The service that owns the log; it becomes the envelope's source. */
  source: string;
  catalog: MessageCatalog;
  newEventId: () => string;
  /** Read models updated in the same transaction as the append (read-your-writes, uniqueness). */
  inline?: Projection[];
  snapshot?: SnapshotPolicy<S>;
  maxAttempts?: number;
  /** Streams whose last committed state is kept in memory (default 10,000; 0 disables). */
  cacheSize?: number;
  /** Most commands of one stream committed together (default 64; 1 turns group commit off). */
  maxBatch?: number;
}

export interface Handled<S> {
  state: S;
  events: StoredEvent[];
  version: number;
  /** True when the command's commandId was already handled: nothing was appended. */
  duplicate: boolean;
}

const DUPLICATE = Symbol('duplicate-command');

/**
 * The one generic command handler: load (snapshot + events), decide, append with the loaded
 * version as expectation, run inline projections, commit. Commands for one stream queue in this
 * process and commit in batches (group commit); across processes, writers of one stream queue on
 * a transaction-scoped advisory lock, so under contention they wait instead of failing; the
 * expected-version check still guards against any writer that does not.
 */
export class CommandHandler<C extends Command, E extends DomainEvent, S> {
  private readonly log: EventLog;
  /**
   * Last committed state per stream, an in-memory snapshot: loading then reads only the events
   * after it (none, when this instance wrote last), so a long stream costs O(1) per command.
   */
  private readonly cache = new Map<string, { state: S; version: number }>();
  private readonly batches: StreamBatches<C, Handled<S>>;

  constructor(
    private readonly db: DataSource,
    private readonly options: CommandHandlerOptions<C, E, S>,
  ) {
    this.log = new EventLog(db);
    this.batches = new StreamBatches((streamId, commands) => this.run(streamId, commands), options.maxBatch ?? 64);
  }

  handle(streamId: string, command: C): Promise<Handled<S>> {
    return this.batches.submit(streamId, command);
  }

  /** Current state of a stream, from its latest snapshot and the events after it. */
  async load(on: EntityManager, streamId: string, cached?: { state: S; version: number }): Promise<{ state: S; version: number }> {
    const { decider, catalog, snapshot } = this.options;
    const start = cached ?? (snapshot ? await loadSnapshot(on, streamId, snapshot) : undefined);
    let state = start?.state ?? decider.initialState();
    let version = start?.version ?? 0;
    for (const event of await this.log.readStream(streamId, version, on)) {
      state = decider.evolve(state, { type: event.type, data: catalog.upcast(event.type, event.schemaVersion, event.data) } as E);
      version = event.streamPosition;
    }
    return { state, version };
  }

  private async run(streamId: string, commands: C[]): Promise<Outcome<Handled<S>>[]> {
    if (commands.length > 1) {
      try {
        return await this.handleTogether(streamId, commands);
      } catch {
        // Whatever failed the batch (a lost race with another process, a projection's unique
        // key, a broken connection) is found again, and reported to the right caller, alone.
        this.cache.delete(streamId);
      }
    }
    const outcomes: Outcome<Handled<S>>[] = [];
    for (const command of commands) {
      try {
        outcomes.push({ ok: true, value: await this.handleAlone(streamId, command) });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  private async handleAlone(streamId: string, command: C): Promise<Handled<S>> {
    const attempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        const handled = await this.db.transaction((tx) => this.attempt(tx, streamId, command));
        this.remember(streamId, handled);
        if (handled.events.length > 0) announceAppend(this.db);
        return handled;
      } catch (error) {
        this.cache.delete(streamId);
        if (error === DUPLICATE) return { ...(await this.load(this.db.manager, streamId)), events: [], duplicate: true };
        if (!(error instanceof ConflictError) || !error.retryable || attempt >= attempts) throw error;
      }
    }
  }

  private async attempt(tx: EntityManager, streamId: string, command: C): Promise<Handled<S>> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamId]);
    const commandId = command.metadata.commandId;
    if (commandId && (await seenCommands(tx, [commandId])).size > 0) throw DUPLICATE;
    const { state, version } = await this.load(tx, streamId, this.cache.get(streamId));
    const decided = this.options.decider.decide(command, state);
    if (decided.length === 0) return { state, version, events: [], duplicate: false };
    const next = decided.reduce(this.options.decider.evolve, state);
    const [stored] = await appendPlanned(tx, this.log, this.options, streamId, version, [{ command, events: decided }]);
    if (commandId && (await rememberCommands(tx, [commandId])) !== 1) throw DUPLICATE;
    await this.project(tx, streamId, stored, version, next);
    return { state: next, version: version + decided.length, events: stored, duplicate: false };
  }

  /** One transaction for the whole batch; each command is decided on its predecessors' state. */
  private async handleTogether(streamId: string, commands: C[]): Promise<Outcome<Handled<S>>[]> {
    const { planned, state, version } = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamId]);
      const ids = commands.map((c) => c.metadata.commandId).filter((id): id is string => Boolean(id));
      const start = await this.load(tx, streamId, this.cache.get(streamId));
      const plan = planInTurn(this.options.decider, start, commands, await seenCommands(tx, ids));
      const decided = plan.planned.flatMap((p) => (p.kind === 'decided' && p.events.length > 0 ? [p] : []));
      const stored = await appendPlanned(tx, this.log, this.options, streamId, start.version, decided);
      const remembered = decided.map((p) => p.command.metadata.commandId).filter((id): id is string => Boolean(id));
      if ((await rememberCommands(tx, remembered)) !== remembered.length) throw DUPLICATE; // raced: go alone
      await this.project(tx, streamId, stored.flat(), start.version, plan.state);
      const events = new Map<Planned<C, E, S>, StoredEvent[]>(decided.map((p, i) => [p, stored[i]]));
      return { ...plan, planned: plan.planned.map((p) => ({ p, events: events.get(p) ?? [] })) };
    });
    this.remember(streamId, { state, version });
    if (planned.some(({ events }) => events.length > 0)) announceAppend(this.db);
    return planned.map(({ p, events }): Outcome<Handled<S>> => {
      if (p.kind === 'refused') return { ok: false, error: p.error };
      if (p.kind === 'duplicate') return { ok: true, value: { state, version, events: [], duplicate: true } };
      return { ok: true, value: { state: p.state, version: p.version, events, duplicate: false } };
    });
  }

  private async project(tx: EntityManager, streamId: string, stored: StoredEvent[], fromVersion: number, next: S): Promise<void> {
    for (const projection of this.options.inline ?? []) await project(projection, tx, stored);
    const policy = this.options.snapshot;
    const nextVersion = fromVersion + stored.length;
    if (policy && Math.floor(nextVersion / policy.every) > Math.floor(fromVersion / policy.every)) {
      await storeSnapshot(tx, streamId, nextVersion, next, policy);
    }
  }

  private remember(streamId: string, committed: { state: S; version: number }): void {
    const size = this.options.cacheSize ?? 10_000;
    if (size === 0) return;
    this.cache.delete(streamId); // re-insert: Map order doubles as least-recently-written order
    this.cache.set(streamId, { state: committed.state, version: committed.version });
    if (this.cache.size > size) this.cache.delete(this.cache.keys().next().value as string);
  }
}
