import { EntityManager } from 'typeorm';
import { Command } from '@ledger/contracts';
import { Queryable } from '../event-log';

/** A command waiting in the outbox; its commandId makes a second delivery of it a no-op. */
export interface PendingCommand {
  position: string;
  command: Command;
  attempts: number;
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

/** The oldest command a sender has yet to deliver, locked for this transaction; others' locked ones are skipped. */
export async function claimPending(tx: EntityManager, sender: string, now: Date): Promise<PendingCommand | undefined> {
  const rows: PendingCommand[] = await tx.query(
    `SELECT position::text AS position, command, attempts FROM command_outbox
     WHERE sender = $1 AND dispatched_at IS NULL AND given_up_at IS NULL AND (retry_at IS NULL OR retry_at <= $2)
     ORDER BY position LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [sender, now.toISOString()],
  );
  return rows[0];
}

export async function markDispatched(tx: EntityManager, position: string, at: Date): Promise<void> {
  await tx.query(`UPDATE command_outbox SET dispatched_at = $2, attempts = attempts + 1 WHERE position = $1`, [
    position,
    at.toISOString(),
  ]);
}

/** A failed delivery: tried again at `retryAt`, or given up when there is none. */
export async function markDeliveryFailed(
  on: Queryable,
  position: string,
  error: unknown,
  at: Date,
  retryAt: Date | undefined,
): Promise<void> {
  await on.query(
    `UPDATE command_outbox SET attempts = attempts + 1, last_error = $2, retry_at = $3,
       given_up_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END
     WHERE position = $1 AND dispatched_at IS NULL`,
    [position, String((error as Error)?.message ?? error), retryAt?.toISOString() ?? null, at.toISOString()],
  );
}

/** How long until a sender's next delivery may be tried: 0 when one is waiting. */
export async function untilNextDelivery(on: Queryable, sender: string, now: Date): Promise<number> {
  const [row]: { ready: boolean | null; retryAt: Date | null }[] = await on.query(
    `SELECT bool_or(retry_at IS NULL) AS ready, min(retry_at) AS "retryAt" FROM command_outbox
     WHERE sender = $1 AND dispatched_at IS NULL AND given_up_at IS NULL`,
    [sender],
  );
  if (row?.ready) return 0;
  return row?.retryAt ? Math.max(0, row.retryAt.getTime() - now.getTime()) : Number.POSITIVE_INFINITY;
}
