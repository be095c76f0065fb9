import { EntityManager } from 'typeorm';
import { identityEvents } from '@ledger/contracts';
import { catalogProjection, Migration, Queryable } from '@ledger/eventstore';

/**
 * Every service's own copy of who may call it: principals (roles, disabled) and their tokens
 * (only the digest of each secret), projected from the identity service's events.
 */
export const IDENTITY_READ_MODEL_MIGRATION: Migration = {
  id: 'kit-auth-001-identity-read-model',
  sql: `CREATE TABLE auth_principals (
    principal_id uuid PRIMARY KEY,
    name         text NOT NULL,
    kind         text NOT NULL,
    roles        text[] NOT NULL,
    disabled     boolean NOT NULL DEFAULT false
  );
  CREATE TABLE auth_tokens (
    token_id      text PRIMARY KEY,
    principal_id  uuid NOT NULL,
    secret_sha256 text NOT NULL,
    expires_at    timestamptz,
    revoked       boolean NOT NULL DEFAULT false
  );`,
};

const setPrincipal = (tx: EntityManager, principalId: string, column: 'roles' | 'disabled', value: unknown) =>
  tx.query(`UPDATE auth_principals SET ${column} = $2 WHERE principal_id = $1`, [principalId, value]);

/** Handles every identity event type: a read model that must not miss a revocation or a disabling. */
export const identityReadModel = catalogProjection(identityEvents)({
  name: 'kit-auth-identity',
  on: {
    PrincipalCreated: (tx, { data }) =>
      tx.query(
        `INSERT INTO auth_principals (principal_id, name, kind, roles) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [data.principalId, data.name, data.kind, data.roles],
      ),
    PrincipalRolesSet: (tx, { data }) => setPrincipal(tx, data.principalId, 'roles', data.roles),
    PrincipalDisabled: (tx, { data }) => setPrincipal(tx, data.principalId, 'disabled', true),
    TokenIssued: (tx, { data }) =>
      tx.query(
        `INSERT INTO auth_tokens (token_id, principal_id, secret_sha256, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [data.tokenId, data.principalId, data.secretSha256, data.expiresAt],
      ),
    TokenRevoked: (tx, { data }) =>
      tx.query(`UPDATE auth_tokens SET revoked = true WHERE token_id = $1`, [data.tokenId]),
  },
  reset: (tx) => tx.query(`DELETE FROM auth_tokens; DELETE FROM auth_principals`),
});

/** A token as the read model knows it, with its principal. */
export interface TokenRecord {
  tokenId: string;
  secretSha256: string;
  expiresAt: Date | null;
  revoked: boolean;
  principalId: string;
  name: string;
  kind: 'user' | 'service';
  roles: string[];
  disabled: boolean;
}

/** One primary-key lookup per request: a revocation counts from the moment the read model has it. */
export async function findToken(on: Queryable, tokenId: string): Promise<TokenRecord | undefined> {
  const rows: TokenRecord[] = await on.query(
    `SELECT t.token_id AS "tokenId", t.secret_sha256 AS "secretSha256", t.expires_at AS "expiresAt", t.revoked,
            p.principal_id::text AS "principalId", p.name, p.kind, p.roles, p.disabled
     FROM auth_tokens t JOIN auth_principals p USING (principal_id) WHERE t.token_id = $1`,
    [tokenId],
  );
  return rows[0];
}
