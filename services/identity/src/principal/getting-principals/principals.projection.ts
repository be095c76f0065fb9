import { EntityManager } from 'typeorm';
import { IllegalStateError } from '@ledger/contracts';
import { Migration, Queryable } from '@ledger/eventstore';
import { identityProjection, occurredAt } from '../../identity-projection';

export const PRINCIPALS_MIGRATION: Migration = {
  id: 'identity-002-principals',
  sql: `CREATE TABLE principals (
  principal_id uuid PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  kind         text NOT NULL,
  display_name text NOT NULL,
  roles        jsonb NOT NULL,
  disabled     boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);`,
};

export interface PrincipalView {
  principalId: string;
  name: string;
  kind: 'user' | 'service';
  displayName: string;
  roles: string[];
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One row per principal for the admin API; each statement sets values from the event, so a replay changes nothing. */
export const principalsProjection = identityProjection({
  name: 'principals',
  on: {
    PrincipalCreated: (tx, event) => {
      const { principalId, name, kind, displayName, roles } = event.data;
      return tx.query(
        `INSERT INTO principals (principal_id, name, kind, display_name, roles, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $6) ON CONFLICT (principal_id) DO NOTHING`,
        [principalId, name, kind, displayName, JSON.stringify(roles), occurredAt(event)],
      );
    },
    PrincipalRolesSet: (tx, event) =>
      keepingAnAdmin(tx, event.data.principalId, () =>
        tx.query(`UPDATE principals SET roles = $2::jsonb, updated_at = $3 WHERE principal_id = $1`, [
          event.data.principalId,
          JSON.stringify(event.data.roles),
          occurredAt(event),
        ]),
      ),
    PrincipalDisabled: (tx, event) =>
      keepingAnAdmin(tx, event.data.principalId, () =>
        tx.query(`UPDATE principals SET disabled = true, updated_at = $2 WHERE principal_id = $1`, [
          event.data.principalId,
          occurredAt(event),
        ]),
      ),
  },
  reset: (tx) => tx.query(`DELETE FROM principals`),
});

/**
 * Applies a change to an enabled admin only if an enabled admin remains, in the append's own
 * transaction. The lock makes concurrent demotions take turns, so the second one counts after
 * the first committed: two requests can no longer demote the last two admins together.
 */
async function keepingAnAdmin(tx: EntityManager, principalId: string, change: () => Promise<unknown>): Promise<void> {
  const before: { name: string }[] = await tx.query(
    `SELECT name FROM principals WHERE principal_id = $1 AND NOT disabled AND roles ? 'admin'`,
    [principalId],
  );
  await change();
  if (before.length === 0) return;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity-enabled-admins'))`);
  const left = await tx.query(`SELECT 1 FROM principals WHERE NOT disabled AND roles ? 'admin' LIMIT 1`);
  if (left.length === 0)
    throw new IllegalStateError(
      `principal "${before[0].name}" is the last enabled admin: make another principal admin first`,
      { name: before[0].name },
    );
}

const COLUMNS = `principal_id, name, kind, display_name, roles, disabled, created_at, updated_at`;

export async function findPrincipal(on: Queryable, name: string): Promise<PrincipalView | undefined> {
  const rows = await on.query(`SELECT ${COLUMNS} FROM principals WHERE name = $1`, [name]);
  return rows[0] && principalViewOfRow(rows[0]);
}

/** A page of principals in name order, after the given name (keyset: stable while principals are added). */
export async function listPrincipals(on: Queryable, page: { limit: number; after?: string }): Promise<PrincipalView[]> {
  const rows = await on.query(
    `SELECT ${COLUMNS} FROM principals WHERE ($1::text IS NULL OR name > $1) ORDER BY name LIMIT $2`,
    [page.after ?? null, page.limit],
  );
  return rows.map(principalViewOfRow);
}

/** Whether any enabled principal (other than `except`) holds the role. */
export async function someoneHolds(on: Queryable, role: string, except?: string): Promise<boolean> {
  const rows = await on.query(
    `SELECT 1 FROM principals WHERE NOT disabled AND roles ? $1 AND ($2::text IS NULL OR name <> $2) LIMIT 1`,
    [role, except ?? null],
  );
  return rows.length > 0;
}

function principalViewOfRow(row: Record<string, unknown>): PrincipalView {
  return {
    principalId: row.principal_id as string,
    name: row.name as string,
    kind: row.kind as PrincipalView['kind'],
    displayName: row.display_name as string,
    roles: row.roles as string[],
    disabled: row.disabled as boolean,
    createdAt: (row.created_at as Date).toISOString(),
    updatedAt: (row.updated_at as Date).toISOString(),
  };
}
