import { DataSource, EntityManager } from 'typeorm';
import { Command, ConflictError, Decider, DomainEvent, MessageCatalog } from '@ledger/contracts';
import { EventLog, NewEvent, StoredEvent } from './event-log';
import { eventMetadata } from './envelope';
import { Projection } from './projection';
import { loadSnapshot, SnapshotPolicy, storeSnapshot } from './snapshots';
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
 * version as expectation, run inline projections, commit. Writers of one stream queue on a
 * transaction-scoped advisory lock first, so under contention they wait instead of failing;
 * the expected-version check still guards against any writer that does not.
 */
export class CommandHandler<C extends Command, E extends DomainEvent, S> {
  private readonly log: EventLog;
  /**
   * Last committed state per stream, an in-memory snapshot: loading then reads only the events
   * after it (none, when this instance wrote last), so a long stream costs O(1) per command.
   */
  private readonly cache = new Map<string, { state: S; version: number }>();

  constructor(
    private readonly db: DataSource,
    private readonly options: CommandHandlerOptions<C, E, S>,
  ) {
    this.log = new EventLog(db);
  }

  async handle(streamId: string, command: C): Promise<Handled<S>> {
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

  private async attempt(tx: EntityManager, streamId: string, command: C): Promise<Handled<S>> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [streamId]);
    const commandId = command.metadata.commandId;
    if (commandId && (await this.seen(tx, commandId))) throw DUPLICATE;
    const { state, version } = await this.load(tx, streamId, this.cache.get(streamId));
    const decided = this.options.decider.decide(command, state);
    if (decided.length === 0) return { state, version, events: [], duplicate: false };
    const stored = await this.appendDecided(tx, streamId, decided, version, command);
    if (commandId) await this.rememberCommand(tx, commandId);
    const next = decided.reduce(this.options.decider.evolve, state);
    const nextVersion = version + decided.length;
    for (const projection of this.options.inline ?? []) {
      for (const event of stored) if (projection.handles.includes(event.type)) await projection.apply(tx, event);
    }
    const policy = this.options.snapshot;
    if (policy && Math.floor(nextVersion / policy.every) > Math.floor(version / policy.every)) {
      await storeSnapshot(tx, streamId, nextVersion, next, policy);
    }
    return { state: next, version: nextVersion, events: stored, duplicate: false };
  }

  private async appendDecided(tx: EntityManager, streamId: string, decided: E[], version: number, command: C): Promise<StoredEvent[]> {
    const metadata = eventMetadata(this.options.source, command.metadata);
    const newEvents: NewEvent[] = decided.map((event) => ({
      id: this.options.newEventId(),
      type: event.type,
      schemaVersion: this.schemaVersionOf(event.type),
      data: event.data,
      metadata,
    }));
    const result = await this.log.append(streamId, newEvents, version === 0 ? 'no_stream' : version, tx);
    return newEvents.map((event, i) => ({
      globalPosition: result.globalPositions[i],
      transactionId: '',
      streamId,
      streamPosition: version + i + 1,
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data as Record<string, unknown>,
      metadata: event.metadata as Record<string, unknown>,
      createdAt: new Date(command.metadata.now),
    }));
  }

  private schemaVersionOf(type: string): number {
    const definition = this.options.catalog.definitions().find((d) => d.type === type);
    if (!definition) throw new Error(`event ${type} is not in the catalog`);
    return definition.schemaVersion;
  }

  private async seen(tx: EntityManager, commandId: string): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM processed_messages WHERE consumer = 'commands' AND message_id = $1`, [commandId]);
    return rows.length > 0;
  }

  private remember(streamId: string, handled: Handled<S>): void {
    const size = this.options.cacheSize ?? 10_000;
    if (size === 0) return;
    this.cache.delete(streamId); // re-insert: Map order doubles as least-recently-written order
    this.cache.set(streamId, { state: handled.state, version: handled.version });
    if (this.cache.size > size) this.cache.delete(this.cache.keys().next().value as string);
  }

  private async rememberCommand(tx: EntityManager, commandId: string): Promise<void> {
    const rows = await tx.query(
      `INSERT INTO processed_messages (consumer, message_id) VALUES ('commands', $1) ON CONFLICT DO NOTHING RETURNING 1`,
      [commandId],
    );
    if (rows.length === 0) throw DUPLICATE;
  }
}
