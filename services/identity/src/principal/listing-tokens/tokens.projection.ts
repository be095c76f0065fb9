import { Migration, Queryable } from '@ledger/eventstore';
import { identityProjection, occurredAt } from '../../identity-projection';

// Never the secret's digest: this table answers the admin API, and the digest is for authentication alone.
export const PRINCIPAL_TOKENS_MIGRATION: Migration = {
  id: 'identity-003-principal-tokens',
  sql: `CREATE TABLE principal_tokens (
  token_id     text PRIMARY KEY,
  principal_id uuid NOT NULL,
  principal    text NOT NULL,
  label        text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX principal_tokens_by_principal ON principal_tokens (principal_id, created_at);`,
};

export interface TokenView {
  tokenId: string;
  /** The name of the principal the token authenticates as. */
  principal: string;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** One row per token ever issued, revoked ones kept (with when). */
export const tokensProjection = identityProjection({
  name: 'principal_tokens',
  on: {
    TokenIssued: (tx, event) => {
      const { tokenId, principalId, name, label, expiresAt } = event.data;
      return tx.query(
        `INSERT INTO principal_tokens (token_id, principal_id, principal, label, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (token_id) DO NOTHING`,
        [tokenId, principalId, name, label, occurredAt(event), expiresAt],
      );
    },
    TokenRevoked: (tx, event) =>
      tx.query(`UPDATE principal_tokens SET revoked_at = $2 WHERE token_id = $1`, [
        event.data.tokenId,
        occurredAt(event),
      ]),
  },
  reset: (tx) => tx.query(`DELETE FROM principal_tokens`),
});

const COLUMNS = `token_id, principal, label, created_at, expires_at, revoked_at`;

export async function listTokens(on: Queryable, principalId: string): Promise<TokenView[]> {
  const rows = await on.query(
    `SELECT ${COLUMNS} FROM principal_tokens WHERE principal_id = $1 ORDER BY created_at, token_id`,
    [principalId],
  );
  return rows.map(tokenViewOfRow);
}

export async function findToken(on: Queryable, tokenId: string): Promise<TokenView | undefined> {
  const rows = await on.query(`SELECT ${COLUMNS} FROM principal_tokens WHERE token_id = $1`, [tokenId]);
  return rows[0] && tokenViewOfRow(rows[0]);
}

const iso = (value: unknown): string | null => (value === null ? null : (value as Date).toISOString());

function tokenViewOfRow(row: Record<string, unknown>): TokenView {
  return {
    tokenId: row.token_id as string,
    principal: row.principal as string,
    label: row.label as string,
    createdAt: iso(row.created_at)!,
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
  };
}
