import { DataSource, EntityManager } from 'typeorm';
import { ConflictError } from '@ledger/contracts';
import { announceAppend } from './wake-up';

/** Exact version n (n ≥ 1), 'no_stream' (must not exist yet) or 'any'. */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface NewEvent {
  id: string;
  type: string;
  schemaVersion: number;
  data: object;
  metadata: object;
}

export interface StoredEvent {
  globalPosition: string;
  transactionId: string;
  streamId: string;
  streamPosition: number;
  id: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

export interface AppendResult {
  nextExpectedVersion: number;
  globalPositions: string[];
}

export type Queryable = Pick<EntityManager, 'query'> | DataSource;

const INSERT_EVENTS = `
INSERT INTO events (stream_id, stream_position, event_id, event_type, schema_version, data, metadata)
SELECT $1, stream.version - $3::bigint + e.ord, e.id, e.type, e.sv, e.data, e.meta
FROM stream, unnest($4::uuid[], $5::text[], $6::int[], $7::jsonb[], $8::jsonb[]) WITH ORDINALITY AS e(id, type, sv, data, meta, ord)
RETURNING global_position, stream_position`;

// One statement per append: the stream row is the optimistic-concurrency guard, and a row
// lock makes a concurrent writer with the same expectation find no row and fail.
const APPEND_UPSERT = `
WITH stream AS (
  INSERT INTO streams (stream_id, stream_type, version) VALUES ($1, $2, $3::bigint)
  ON CONFLICT (stream_id) DO UPDATE SET version = streams.version + $3::bigint, updated_at = now()
  WHERE $9::boolean
  RETURNING version
)${INSERT_EVENTS}`;

const APPEND_EXACT = `
WITH stream AS (
  UPDATE streams SET version = version + $3::bigint, updated_at = now()
  WHERE stream_id = $1 AND version = $9::bigint AND $2::text IS NOT NULL
  RETURNING version
)${INSERT_EVENTS}`;

const EVENT_COLUMNS = `global_position::text AS "globalPosition", transaction_id::text AS "transactionId",
  stream_id AS "streamId", stream_position::int AS "streamPosition", event_id::text AS id, event_type AS type,
  schema_version AS "schemaVersion", data, metadata, created_at AS "createdAt"`;

// Several streams at once, each at an exact version (0: must not exist yet). A stream not at its
// expected version gets no row back, so fewer rows than events means a conflict; the caller's
// transaction then rolls back whatever the other streams wrote.
const APPEND_MANY = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS i(stream_id, stream_type, expected, n)
), updated AS (
  UPDATE streams s SET version = s.version + i.n, updated_at = now() FROM input i
  WHERE s.stream_id = i.stream_id AND s.version = i.expected AND i.expected > 0
  RETURNING s.stream_id, s.version
), created AS (
  INSERT INTO streams (stream_id, stream_type, version) SELECT stream_id, stream_type, n FROM input WHERE expected = 0
  ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id, version
), moved AS (SELECT * FROM updated UNION ALL SELECT * FROM created)
INSERT INTO events (stream_id, stream_position, event_id, event_type, schema_version, data, metadata)
SELECT e.stream_id, m.version - i.n + e.pos, e.id, e.type, e.sv, e.data, e.meta
FROM unnest($5::text[], $6::int[], $7::uuid[], $8::text[], $9::int[], $10::jsonb[], $11::jsonb[]) WITH ORDINALITY AS e(stream_id, pos, id, type, sv, data, meta, ord)
JOIN moved m USING (stream_id) JOIN input i USING (stream_id)
ORDER BY e.ord
RETURNING event_id::text AS id, global_position`;

export interface StreamAppend {
  streamId: string;
  /** The stream's version now; 0 when it must not exist yet. */
  expected: number;
  events: NewEvent[];
}

export class EventLog {
  constructor(readonly db: DataSource) {}

  /** Appends atomically; throws ConflictError when the stream is not at the expected version. */
  async append(
    streamId: string,
    events: NewEvent[],
    expected: ExpectedVersion,
    on: Queryable = this.db,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const streamType = streamId.split('-')[0];
    const exact = typeof expected === 'number' && expected > 0;
    const params = [
      streamId,
      streamType,
      events.length,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
      exact ? expected : expected === 'any',
    ];
    let rows: { global_position: string; stream_position: string }[];
    try {
      rows = await on.query(exact ? APPEND_EXACT : APPEND_UPSERT, params);
    } catch (error) {
      if (
        (error as { code?: string }).code === '23505' &&
        String((error as Error).message).includes('stream_position')
      ) {
        throw conflict(streamId, expected);
      }
      throw error;
    }
    if (rows.length !== events.length) throw conflict(streamId, expected);
    if (on === this.db) announceAppend(this.db); // committed already; inside a transaction its owner announces
    return {
      nextExpectedVersion: Number(rows[rows.length - 1].stream_position),
      globalPositions: rows.map((r) => r.global_position),
    };
  }

  /**
   * Appends to several streams in one statement; all or (with the caller's transaction) none.
   * Returns each stream's global positions, in the order given.
   */
  async appendToStreams(appends: StreamAppend[], on: Queryable): Promise<string[][]> {
    const events = appends.flatMap((a) => a.events.map((event, i) => ({ streamId: a.streamId, pos: i + 1, event })));
    if (appends.some((a) => a.events.length === 0)) throw new Error('append needs at least one event per stream');
    const rows: { id: string; global_position: string }[] = await on.query(APPEND_MANY, [
      appends.map((a) => a.streamId),
      appends.map((a) => a.streamId.split('-')[0]),
      appends.map((a) => a.expected),
      appends.map((a) => a.events.length),
      events.map((e) => e.streamId),
      events.map((e) => e.pos),
      events.map((e) => e.event.id),
      events.map((e) => e.event.type),
      events.map((e) => e.event.schemaVersion),
      events.map((e) => JSON.stringify(e.event.data)),
      events.map((e) => JSON.stringify(e.event.metadata)),
    ]);
    if (rows.length !== events.length) {
      throw new ConflictError(
        `streams ${appends.map((a) => a.streamId).join(', ')} are not all at their expected versions`,
        {
          streamIds: appends.map((a) => a.streamId),
        },
      );
    }
    const positions = new Map(rows.map((r) => [r.id, r.global_position]));
    return appends.map((a) => a.events.map((e) => positions.get(e.id) as string));
  }

  async readStream(streamId: string, afterVersion = 0, on: Queryable = this.db): Promise<StoredEvent[]> {
    return on.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_position > $2 ORDER BY stream_position`,
      [streamId, afterVersion],
    );
  }

  /** The versions of the streams that exist among these. */
  async streamVersions(streamIds: string[], on: Queryable = this.db): Promise<Map<string, number>> {
    const rows: { id: string; version: number }[] = await on.query(
      `SELECT stream_id AS id, version::int AS version FROM streams WHERE stream_id = ANY($1::text[])`,
      [streamIds],
    );
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  async streamVersion(streamId: string, on: Queryable = this.db): Promise<number> {
    const rows = await on.query(`SELECT version::int AS version FROM streams WHERE stream_id = $1`, [streamId]);
    return rows[0]?.version ?? 0;
  }

  /**
   * Every committed event after a (transaction id, position) cursor, in the same order as
   * readCommitted but without holding back transactions still in flight: only for a reader
   * that has stopped every writer it cares about (rebuildInline).
   */
  async readAll(after: LogPosition, limit: number, on: Queryable = this.db): Promise<StoredEvent[]> {
    return on.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
       ORDER BY transaction_id, global_position LIMIT $3`,
      [after.transactionId, after.globalPosition, limit],
    );
  }

  /**
   * Whether committed events exist that readCommitted holds back, because a transaction older
   * than theirs (anywhere on the server) is still in flight. Their commit sent its wake-up
   * already, so a tailer that found nothing must look again soon instead of waiting for the next one.
   */
  async heldBack(on: Queryable = this.db): Promise<boolean> {
    const [row] = await on.query(
      `SELECT EXISTS (SELECT 1 FROM events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())) AS held`,
    );
    return row.held === true;
  }

  /**
   * Events after a (transaction id, position) checkpoint, in commit-safe order: only
   * transactions older than every transaction still in flight are visible, so an event whose
   * transaction started first but commits last is read after it commits, never skipped.
   */
  async readCommitted(
    after: LogPosition,
    limit: number,
    filter?: string,
    on: Queryable = this.db,
  ): Promise<StoredEvent[]> {
    const where = filter ? `AND (${filter})` : '';
    return on.query(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ${where}
       ORDER BY transaction_id, global_position LIMIT $3`,
      [after.transactionId, after.globalPosition, limit],
    );
  }
}

export interface LogPosition {
  transactionId: string;
  globalPosition: string;
}

export const LOG_START: LogPosition = { transactionId: '0', globalPosition: '0' };

function conflict(streamId: string, expected: ExpectedVersion): ConflictError {
  return new ConflictError(`stream ${streamId} is not at the expected version ${expected}`, { streamId, expected });
}
