import { EntityManager } from 'typeorm';
import { Queryable } from '../event-log';

/** A timer as the decision that sets it hands it over: stored in that decision's transaction. */
export interface NewTimer {
  /** Unique and stable: the id of the record that scheduled it, so a retried decision cannot set it twice. */
  timerId: string;
  /** The workflow (or other owner) whose runner fires it. */
  owner: string;
  streamId: string;
  /** The owner's name for it, by which it is cancelled. */
  localId: string;
  dueAt: Date;
  /** What the owner gets back when it fires. */
  payload: Record<string, unknown>;
}

export interface StoredTimer extends NewTimer {
  attempts: number;
}

export async function storeTimers(tx: EntityManager, timers: NewTimer[]): Promise<void> {
  if (timers.length === 0) return;
  await tx.query(
    `INSERT INTO scheduled (timer_id, owner, stream_id, local_id, due_at, payload)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[])
     ON CONFLICT (timer_id) DO NOTHING`,
    [
      timers.map((t) => t.timerId),
      timers.map((t) => t.owner),
      timers.map((t) => t.streamId),
      timers.map((t) => t.localId),
      timers.map((t) => t.dueAt.toISOString()),
      timers.map((t) => JSON.stringify(t.payload)),
    ],
  );
}

/**
 * Cancels a stream's pending timers of these names. A timer firing at this very moment is
 * locked and skipped instead of waited for (waiting could deadlock with the firing transaction,
 * which waits for this stream): its input arrives after this decision, and the owner's state
 * already says it no longer matters.
 */
export async function cancelTimers(tx: EntityManager, streamId: string, localIds: string[]): Promise<void> {
  if (localIds.length === 0) return;
  await tx.query(
    `UPDATE scheduled SET status = 'cancelled' WHERE timer_id IN (
       SELECT timer_id FROM scheduled WHERE stream_id = $1 AND local_id = ANY($2::text[]) AND status = 'scheduled'
       FOR UPDATE SKIP LOCKED)`,
    [streamId, localIds],
  );
}

const TIMER_COLUMNS = `timer_id AS "timerId", owner, stream_id AS "streamId", local_id AS "localId", due_at AS "dueAt", payload, attempts`;

/** The earliest due timer of an owner, locked for this transaction; others' locked ones are skipped. */
export async function claimDueTimer(tx: EntityManager, owner: string, now: Date): Promise<StoredTimer | undefined> {
  const rows: StoredTimer[] = await tx.query(
    `SELECT ${TIMER_COLUMNS} FROM scheduled WHERE owner = $1 AND status = 'scheduled' AND due_at <= $2
     ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [owner, now.toISOString()],
  );
  return rows[0];
}

export async function markFired(tx: EntityManager, timerId: string, at: Date): Promise<void> {
  await tx.query(`UPDATE scheduled SET status = 'fired', fired_at = $2, attempts = attempts + 1 WHERE timer_id = $1`, [
    timerId,
    at.toISOString(),
  ]);
}

/** A failed firing: tried again at `retryAt`, or given up (status failed) when there is none. */
export async function markFiringFailed(
  on: Queryable,
  timerId: string,
  error: unknown,
  retryAt: Date | undefined,
): Promise<void> {
  await on.query(
    `UPDATE scheduled SET attempts = attempts + 1, last_error = $2, due_at = coalesce($3, due_at),
       status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE status END
     WHERE timer_id = $1 AND status = 'scheduled'`,
    [timerId, String((error as Error)?.message ?? error), retryAt?.toISOString() ?? null],
  );
}

/** When the owner's next pending timer is due, if it has one. */
export async function nextDueAt(on: Queryable, owner: string): Promise<Date | undefined> {
  const [row]: { dueAt: Date | null }[] = await on.query(
    `SELECT min(due_at) AS "dueAt" FROM scheduled WHERE owner = $1 AND status = 'scheduled'`,
    [owner],
  );
  return row?.dueAt ?? undefined;
}
