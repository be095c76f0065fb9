import { DataSource, EntityManager } from 'typeorm';
import { Command, ConflictError, Decider, DomainEvent, MessageCatalog } from '@ledger/contracts';
import { EventLog, StoredEvent } from './event-log';
import { DecidedStream, duplicatesOf, Handled, outcomesOf, Planned, planInTurn, resultsOf } from './batch-plan';
import { StateCache } from './state-cache';
import {
  appendPlanned,
  firstRunsOf,
  newEventsOf,
  rememberCommands,
  seenCommands,
  storedEventsOf,
} from './command-writes';
import { lockForWriting } from './inline-rebuild';
import { project, Projection } from './projection';
import { loadSnapshot, SnapshotPolicy, storeSnapshot } from './snapshots';
import { Batch, Outcome, StreamBatches } from './stream-batches';
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
  /** Most commands committed together, over all their streams (default 64; 1 turns group commit off). */
  maxBatch?: number;
  /** Most command transactions running at once from this handler (default 2). */
  maxInFlight?: number;
  /** Most commands waiting for a transaction; more are refused with UnavailableError (default 10,000). */
  maxWaiting?: number;
}

export type { Handled } from './batch-plan';

const DUPLICATE = Symbol('duplicate-command');

/** A batch failed before its commit: nothing of it was written, so each command may run again alone. */
class BatchRefused extends Error {
  constructor(readonly reason: unknown) {
    super('the batch failed before its commit');
  }
}

/**
 * The one generic command handler: load (snapshot + events), decide, append with the loaded
 * version as expectation, run inline projections, commit. Commands for one stream queue in this
 * process and commit in batches (group commit); across processes, writers of one stream queue on
 * a transaction-scoped advisory lock, so under contention they wait instead of failing; the
 * expected-version check still guards against any writer that does not.
 */
export class CommandHandler<C extends Command, E extends DomainEvent, S> {
  private readonly log: EventLog;
  private readonly cache: StateCache<S>;
  private readonly batches: StreamBatches<C, Handled<S>>;

  constructor(
    private readonly db: DataSource,
    private readonly options: CommandHandlerOptions<C, E, S>,
  ) {
    this.log = new EventLog(db);
    this.cache = new StateCache(options.cacheSize ?? 10_000);
    this.batches = new StreamBatches((batch) => this.run(batch), {
      maxBatch: options.maxBatch ?? 64,
      maxInFlight: options.maxInFlight ?? 2,
      maxWaiting: options.maxWaiting ?? 10_000,
    });
  }

  private get keepsInline(): boolean {
    return (this.options.inline?.length ?? 0) > 0;
  }

  handle(streamId: string, command: C): Promise<Handled<S>> {
    return this.batches.submit(streamId, command);
  }

  /** Current state of a stream, from its latest snapshot and the events after it. */
  async load(
    on: EntityManager,
    streamId: string,
    cached?: { state: S; version: number },
  ): Promise<{ state: S; version: number }> {
    const { decider, catalog, snapshot } = this.options;
    const start = cached ?? (snapshot ? await loadSnapshot(on, streamId, snapshot) : undefined);
    let state = start?.state ?? decider.initialState();
    let version = start?.version ?? 0;
    for (const event of await this.log.readStream(streamId, version, on)) {
      state = decider.evolve(state, {
        type: event.type,
        data: catalog.current(event.type, event.schemaVersion, event.data),
      } as E);
      version = event.streamPosition;
    }
    return { state, version };
  }

  /**
   * The state to decide on: the cached one when the stream is still at its version (another
   * process may have written since), else the cached one brought up to date from the log.
   */
  private async current(tx: EntityManager, streamId: string, version: number): Promise<{ state: S; version: number }> {
    const cached = this.cache.get(streamId);
    return cached && cached.version === version ? cached : this.load(tx, streamId, cached);
  }

  private async run(batch: Batch<C>): Promise<Map<string, Outcome<Handled<S>>[]>> {
    const [first] = batch.values();
    if (batch.size > 1 || first.length > 1) {
      try {
        return await this.handleTogether(batch);
      } catch (error) {
        for (const streamId of batch.keys()) this.cache.forget(streamId);
        // A failed COMMIT may still have committed: running the commands again could do them
        // twice, so their callers get the error, as a lone command's caller would.
        if (!(error instanceof BatchRefused))
          return new Map(
            [...batch].map(([streamId, commands]) => [streamId, commands.map(() => ({ ok: false, error }))]),
          );
        // Whatever failed the batch before its commit (a lost race with another process, a
        // projection's unique key) is found again, and reported to the right caller, alone.
      }
    }
    return this.allAlone(batch);
  }

  /** Each stream's commands one by one, at most maxInFlight streams at a time. */
  private async allAlone(batch: Batch<C>): Promise<Map<string, Outcome<Handled<S>>[]>> {
    const outcomes = new Map<string, Outcome<Handled<S>>[]>();
    const streams = [...batch];
    const worker = async () => {
      for (let next = streams.shift(); next; next = streams.shift())
        outcomes.set(next[0], await this.eachAlone(next[0], next[1]));
    };
    await Promise.all(Array.from({ length: Math.min(this.options.maxInFlight ?? 2, streams.length) }, worker));
    return outcomes;
  }

  private async eachAlone(streamId: string, commands: C[]): Promise<Outcome<Handled<S>>[]> {
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
        this.cache.remember(streamId, handled);
        if (handled.events.length > 0) announceAppend(this.db);
        return handled;
      } catch (error) {
        this.cache.forget(streamId);
        if (error === DUPLICATE) return this.duplicateOf(streamId, command);
        if (!(error instanceof ConflictError) || !error.retryable || attempt >= attempts) throw error;
      }
    }
  }

  /** A resent command answers with the stream as it is now and the events its first run appended. */
  private async duplicateOf(streamId: string, command: C): Promise<Handled<S>> {
    const commandId = command.metadata.commandId as string;
    const [current, firstRuns] = await Promise.all([
      this.load(this.db.manager, streamId),
      firstRunsOf(this.db, [commandId]),
    ]);
    return { ...current, events: firstRuns.get(commandId) ?? [], duplicate: true };
  }

  private async attempt(tx: EntityManager, streamId: string, command: C): Promise<Handled<S>> {
    await lockForWriting(tx, [streamId], this.keepsInline);
    const commandId = command.metadata.commandId;
    if (commandId && (await seenCommands(tx, [commandId])).size > 0) throw DUPLICATE;
    const { state, version } = await this.load(tx, streamId, this.cache.get(streamId));
    const decided = this.options.decider.decide(command, state);
    if (decided.length === 0) return { state, version, events: [], duplicate: false };
    const next = decided.reduce(this.options.decider.evolve, state);
    const [stored] = await appendPlanned(tx, this.log, this.options, streamId, version, [{ command, events: decided }]);
    if (commandId && (await rememberCommands(tx, [{ commandId, streamId, eventIds: stored.map((e) => e.id) }])) !== 1)
      throw DUPLICATE;
    await this.projectInline(tx, stored);
    await this.snapshotIfDue(tx, streamId, version, next, version + decided.length);
    return { state: next, version: version + decided.length, events: stored, duplicate: false };
  }

  /**
   * One transaction, one commit, for the whole batch: its streams locked in id order (so two
   * processes' batches cannot deadlock), each command decided on its predecessors' state, every
   * stream's events appended in one statement, every read model written once per run of events.
   */
  private async handleTogether(batch: Batch<C>): Promise<Map<string, Outcome<Handled<S>>[]>> {
    const decidedStreams = await this.db.transaction(async (tx) => {
      try {
        const streams = await this.decideAndAppend(tx, batch);
        const remembered = streams.flatMap(resultsOf);
        if ((await rememberCommands(tx, remembered)) !== remembered.length) throw DUPLICATE; // raced: go alone
        await this.projectInline(
          tx,
          streams.flatMap((s) => [...s.stored.values()].flat()),
        );
        for (const { streamId, start, plan } of streams)
          await this.snapshotIfDue(tx, streamId, start.version, plan.state, plan.version);
        return streams;
      } catch (error) {
        throw new BatchRefused(error);
      }
    });
    for (const { streamId, plan } of decidedStreams) this.cache.remember(streamId, plan);
    if (decidedStreams.some((s) => s.stored.size > 0)) announceAppend(this.db);
    const firstRuns = await firstRunsOf(this.db, decidedStreams.flatMap(duplicatesOf));
    return new Map(decidedStreams.map((s) => [s.streamId, outcomesOf(s, firstRuns)]));
  }

  private async decideAndAppend(tx: EntityManager, batch: Batch<C>): Promise<DecidedStream<C, E, S>[]> {
    const streamIds = [...batch.keys()].sort();
    await lockForWriting(tx, streamIds, this.keepsInline);
    const handled = await seenCommands(
      tx,
      [...batch.values()].flat().flatMap((c) => (c.metadata.commandId ? [c.metadata.commandId] : [])),
    );
    const versions = await this.log.streamVersions(streamIds, tx);
    const planned = [];
    for (const streamId of streamIds) {
      const start = await this.current(tx, streamId, versions.get(streamId) ?? 0);
      const plan = planInTurn(this.options.decider, start, batch.get(streamId) as C[], handled);
      const decided = plan.planned.flatMap((p) => (p.kind === 'decided' && p.events.length > 0 ? [p] : []));
      for (const { command } of decided) if (command.metadata.commandId) handled.add(command.metadata.commandId);
      planned.push({ streamId, start, plan, decided, perCommand: newEventsOf(this.options, decided) });
    }
    const appending = planned.filter((p) => p.decided.length > 0);
    const positions =
      appending.length > 0
        ? await this.log.appendToStreams(
            appending.map((p) => ({ streamId: p.streamId, expected: p.start.version, events: p.perCommand.flat() })),
            tx,
          )
        : [];
    return planned.map(({ streamId, start, plan, decided, perCommand }) => {
      const at = appending.findIndex((p) => p.streamId === streamId);
      const stored = at < 0 ? [] : storedEventsOf(streamId, start.version, decided, perCommand, positions[at]);
      return { streamId, start, plan, stored: new Map(decided.map((p, i) => [p as Planned<C, E, S>, stored[i]])) };
    });
  }

  private async projectInline(tx: EntityManager, stored: StoredEvent[]): Promise<void> {
    for (const projection of this.options.inline ?? []) await project(projection, tx, stored);
  }

  private async snapshotIfDue(
    tx: EntityManager,
    streamId: string,
    fromVersion: number,
    state: S,
    toVersion: number,
  ): Promise<void> {
    const policy = this.options.snapshot;
    if (policy && Math.floor(toVersion / policy.every) > Math.floor(fromVersion / policy.every)) {
      await storeSnapshot(tx, streamId, toVersion, state, policy);
    }
  }
}
