import { EntityManager } from 'typeorm';
import { Command } from '@ledger/contracts';
import { Queryable } from '../event-log';

/** A command waiting in the outbox; its commandId makes a second delivery of it a no-op. */
export interface PendingCommand {
  position: string;
  command: Command;
  attempts: number;
}

/** A pending command leased to one deliverer until `leasedUntil`; `leaseId` says whose lease it is. */
export interface LeasedCommand extends PendingCommand {
  leaseId: string;
  leasedUntil: Date;
}

/** Stores commands a decision sends, in that decision's transaction. */
export async function storeSends(
  tx: EntityManager,
  sender: string,
  origin: string,
  commands: Command[],
): Promise<void> {
  if (commands.length === 0) return;
  await tx.query(
    `INSERT INTO command_outbox (command_id, sender, origin, command)
     SELECT id, $2, $3, command FROM unnest($1::text[], $4::jsonb[]) AS c(id, command)
     ON CONFLICT (command_id) DO NOTHING`,
    [commands.map((c) => c.metadata.commandId), sender, origin, commands.map((c) => JSON.stringify(c))],
  );
}

/** Waiting for delivery and not under a live lease or a back-off at `$2`. */
const READY = `sender = $1 AND dispatched_at IS NULL AND given_up_at IS NULL
  AND (retry_at IS NULL OR retry_at <= $2) AND (leased_until IS NULL OR leased_until <= $2)`;

/**
 * Leases a sender's oldest ready command in one short statement (its own transaction): the row
 * lock lasts only as long as the statement, so nothing stays open while the command is delivered.
 * A lease that runs out before its holder marks the command makes it ready again.
 */
export async function leasePending(
  on: Queryable,
  sender: string,
  now: Date,
  lease: { id: string; until: Date },
): Promise<LeasedCommand | undefined> {
  // Through a CTE: TypeORM hands back a bare UPDATE … RETURNING as [rows, count].
  const rows: LeasedCommand[] = await on.query(
    `WITH leased AS (
       UPDATE command_outbox SET leased_until = $3, lease_id = $4
       WHERE position = (SELECT position FROM command_outbox WHERE ${READY} ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING position::text AS position, command, attempts, lease_id AS "leaseId", leased_until AS "leasedUntil")
     SELECT * FROM leased`,
    [sender, now.toISOString(), lease.until.toISOString(), lease.id],
  );
  return rows[0];
}

/** Extends a lease still held; false when it was lost (run out and taken over, or the command marked). */
export async function renewLease(on: Queryable, position: string, leaseId: string, until: Date): Promise<boolean> {
  const rows: unknown[] = await on.query(
    `WITH renewed AS (
       UPDATE command_outbox SET leased_until = $3 WHERE position = $1 AND lease_id = $2 AND dispatched_at IS NULL RETURNING 1)
     SELECT * FROM renewed`,
    [position, leaseId, until.toISOString()],
  );
  return rows.length > 0;
}

/** Delivered: whoever holds the lease now, the command needs no further delivery. */
export async function markDispatched(on: Queryable, position: string, at: Date): Promise<void> {
  await on.query(
    `UPDATE command_outbox SET dispatched_at = $2, attempts = attempts + 1, leased_until = NULL, lease_id = NULL
     WHERE position = $1 AND dispatched_at IS NULL`,
    [position, at.toISOString()],
  );
}

/**
 * A failed delivery: tried again at `retryAt`, or given up when there is none. With a lease id,
 * only while that lease is still the row's: a deliverer whose lease ran out and was taken over
 * must not undo the new holder's work.
 */
export async function markDeliveryFailed(
  on: Queryable,
  position: string,
  error: unknown,
  at: Date,
  retryAt: Date | undefined,
  leaseId?: string,
): Promise<void> {
  await on.query(
    `UPDATE command_outbox SET attempts = attempts + 1, last_error = $2, retry_at = $3, leased_until = NULL, lease_id = NULL,
       given_up_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END
     WHERE position = $1 AND dispatched_at IS NULL AND ($5::text IS NULL OR lease_id = $5)`,
    [
      position,
      String((error as Error)?.message ?? error),
      retryAt?.toISOString() ?? null,
      at.toISOString(),
      leaseId ?? null,
    ],
  );
}

/** How long until a sender's next delivery may be tried: 0 when one is ready; a live lease or back-off defers it. */
export async function untilNextDelivery(on: Queryable, sender: string, now: Date): Promise<number> {
  // greatest() skips NULLs: a row is due at the later of its back-off and its lease, or at once.
  const [row]: { ready: boolean | null; dueAt: Date | null }[] = await on.query(
    `SELECT bool_or(coalesce(greatest(retry_at, leased_until) <= $2, true)) AS ready,
            min(greatest(retry_at, leased_until)) AS "dueAt"
     FROM command_outbox WHERE sender = $1 AND dispatched_at IS NULL AND given_up_at IS NULL`,
    [sender, now.toISOString()],
  );
  if (row?.ready) return 0;
  return row?.dueAt ? Math.max(0, row.dueAt.getTime() - now.getTime()) : Number.POSITIVE_INFINITY;
}
