import { LogPosition, LOG_START, Queryable } from './event-log';

export async function loadCheckpoint(on: Queryable, name: string): Promise<LogPosition> {
  const rows = await on.query(
    `SELECT transaction_id::text AS "transactionId", global_position::text AS "globalPosition" FROM checkpoints WHERE name = $1`,
    [name],
  );
  return rows[0] ?? LOG_START;
}

export async function storeCheckpoint(on: Queryable, name: string, position: LogPosition): Promise<void> {
  await on.query(
    `INSERT INTO checkpoints (name, transaction_id, global_position) VALUES ($1, $2::xid8, $3)
     ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
       global_position = EXCLUDED.global_position, updated_at = now()`,
    [name, position.transactionId, position.globalPosition],
  );
}

export async function deleteCheckpoint(on: Queryable, name: string): Promise<void> {
  await on.query(`DELETE FROM checkpoints WHERE name = $1`, [name]);
}
