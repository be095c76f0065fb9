import { ConflictError, UnavailableError } from '@ledger/contracts';
import { isDatabaseUnavailable } from './database';
import { Queryable, StoredEvent } from './event-log';

/**
 * An event a projection failed on however often it tried, set aside (DESIGN.md invariant 5 for
 * the log's own readers): the read model or workflow router goes on with the next event, and the
 * parked one stays listed, with its error, until someone fixes the cause and rebuilds.
 */
export interface ParkedEvent {
  projection: string;
  eventId: string;
  eventType: string;
  streamId: string;
  globalPosition: string;
  error: string;
  attempts: number;
  parkedAt: string;
}

// SQLSTATE classes that say nothing about the event: a conflict or deadlock (40), a schema not
// migrated yet (42), a resource or lock limit (53, 55), an operator (57), the server (58, XX).
const NOT_THE_EVENTS_FAULT = /^(40|42|53|55|57|58|XX)/;

/**
 * Whether failing on this event again and again may be the event's doing (a bug its data
 * triggers, a constraint it breaks) rather than the database's or a concurrent writer's: only
 * the first kind is ever parked; the second waits, however long, for the cause to pass.
 */
export function mayBeTheEventsFault(error: unknown): boolean {
  if (error instanceof UnavailableError || (error instanceof ConflictError && error.retryable)) return false;
  if (isDatabaseUnavailable(error)) return false;
  const code = sqlState(error);
  return code === undefined || !NOT_THE_EVENTS_FAULT.test(code);
}

function sqlState(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { code, driverError } = error as { code?: unknown; driverError?: unknown };
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  return driverError && driverError !== error ? sqlState(driverError) : undefined;
}

/** Records the event as parked for the projection (again: the latest error and count win). */
export async function parkEvent(
  on: Queryable,
  projection: string,
  event: StoredEvent,
  error: unknown,
  attempts: number,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await on.query(
    `INSERT INTO parked_events (projection, event_id, event_type, stream_id, global_position, error, attempts)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (projection, event_id) DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, parked_at = now()`,
    [projection, event.id, event.type, event.streamId, event.globalPosition, message.slice(0, 4_000), attempts],
  );
}

/** The events parked so far, oldest first: every projection's, or one's. */
export async function parkedEvents(on: Queryable, projection?: string): Promise<ParkedEvent[]> {
  return on.query(
    `SELECT projection, event_id AS "eventId", event_type AS "eventType", stream_id AS "streamId",
            global_position::text AS "globalPosition", error, attempts, parked_at AS "parkedAt"
     FROM parked_events WHERE $1::text IS NULL OR projection = $1 ORDER BY parked_at, global_position`,
    [projection ?? null],
  );
}

/** How many events each projection has parked (projections with none are absent). */
export async function parkedCounts(on: Queryable): Promise<Map<string, number>> {
  const rows: { projection: string; parked: number }[] = await on.query(
    `SELECT projection, count(*)::int AS parked FROM parked_events GROUP BY projection`,
  );
  return new Map(rows.map((row) => [row.projection, row.parked]));
}

/** A rebuild replays every event again, the parked ones too: their records go with the rows. */
export async function forgetParked(on: Queryable, projection: string): Promise<void> {
  await on.query(`DELETE FROM parked_events WHERE projection = $1`, [projection]);
}
