import { Logger } from '@nestjs/common';
import { Migration, Queryable } from '@ledger/eventstore';
import type { Denial, DenialRecorder } from '@ledger/messaging';

/**
 * Every refused attempt, kept by the service that refused it (admins read it): an audit trail
 * that only shows what succeeded hides who tried what. Append-only, like the event log.
 */
export const SECURITY_LOG_MIGRATION: Migration = {
  id: 'kit-auth-002-security-log',
  sql: `CREATE TABLE security_log (
    position  bigserial PRIMARY KEY,
    at        timestamptz NOT NULL,
    channel   text NOT NULL,
    principal text NOT NULL,
    via       text,
    action    text NOT NULL,
    reason    text NOT NULL
  );
  CREATE FUNCTION security_log_is_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'security_log is append-only'; END $$ LANGUAGE plpgsql;
  CREATE TRIGGER security_log_append_only BEFORE UPDATE OR DELETE ON security_log
    FOR EACH ROW EXECUTE FUNCTION security_log_is_append_only();`,
};

export type { Denial, DenialRecorder };

const logger = new Logger('SecurityLog');

/**
 * Writes a denial outside the refused command's transaction (that one rolls back). Losing the
 * database must not turn the 403 into a 500, so a failed write is logged instead.
 */
export function securityLog(db: Queryable): DenialRecorder {
  return async (denial) => {
    try {
      await db.query(
        `INSERT INTO security_log (at, channel, principal, via, action, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [denial.at, denial.channel, denial.principal, denial.via ?? null, denial.action.slice(0, 512), denial.reason],
      );
    } catch (error) {
      logger.warn(`could not record a denial for ${denial.principal}: ${(error as Error).message}`);
    }
  };
}

export interface DenialRow {
  position: number;
  at: string;
  channel: string;
  principal: string;
  via: string | null;
  action: string;
  reason: string;
}

/** Newest first, paged by position. */
export async function readDenials(db: Queryable, limit: number, before?: number): Promise<DenialRow[]> {
  const rows: (Omit<DenialRow, 'at' | 'position'> & { at: Date; position: string })[] = await db.query(
    `SELECT position, at, channel, principal, via, action, reason FROM security_log
     WHERE ($2::bigint IS NULL OR position < $2) ORDER BY position DESC LIMIT $1`,
    [limit, before ?? null],
  );
  return rows.map((row) => ({ ...row, position: Number(row.position), at: row.at.toISOString() }));
}
