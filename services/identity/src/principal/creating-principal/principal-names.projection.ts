import { AlreadyExistsError } from '@ledger/contracts';
import { Migration, Queryable } from '@ledger/eventstore';
import { identityProjection, isUniqueViolation } from '../../identity-projection';

export const PRINCIPAL_NAMES_MIGRATION: Migration = {
  id: 'identity-001-principal-names',
  sql: `CREATE TABLE principal_names (
  name         text PRIMARY KEY,
  principal_id uuid NOT NULL UNIQUE
);
CREATE UNIQUE INDEX principal_names_folded ON principal_names (lower(name));`,
};

/**
 * The name index, applied inline with the append: each principal has its own stream, so only
 * the primary key on name makes two concurrent creations of one name impossible. Replaying an
 * event is a no-op (ON CONFLICT on the id); a name another principal holds becomes
 * RESOURCE_ALREADY_EXISTS. Names differing only in case are one name here (Alice@example.com
 * must not pass for alice@example.com), though a principal keeps the spelling it was created
 * with. Principals are never renamed or deleted, so a name is taken for good.
 */
export const principalNamesProjection = identityProjection({
  name: 'principal_names',
  on: {
    PrincipalCreated: async (tx, { data: { principalId, name } }) => {
      try {
        await tx.query(
          `INSERT INTO principal_names (name, principal_id) VALUES ($1, $2) ON CONFLICT (principal_id) DO NOTHING`,
          [name, principalId],
        );
      } catch (error) {
        if (isUniqueViolation(error, 'principal_names_pkey') || isUniqueViolation(error, 'principal_names_folded'))
          throw principalExists(name);
        throw error;
      }
    },
  },
  reset: (tx) => tx.query(`DELETE FROM principal_names`),
});

export const principalExists = (name: string) =>
  new AlreadyExistsError(`principal "${name}" already exists (names are unique regardless of case)`, { name });

export async function findPrincipalId(on: Queryable, name: string): Promise<string | undefined> {
  const rows: { principal_id: string }[] = await on.query(`SELECT principal_id FROM principal_names WHERE name = $1`, [
    name,
  ]);
  return rows[0]?.principal_id;
}
