import { Permission, Protection } from '@ledger/contracts';
import { Migration, Queryable } from '@ledger/eventstore';
import { registryProjection } from '../../stored-event';

export const MODEL_ACCESS_MIGRATION: Migration = {
  id: 'registry-016-model-access',
  sql: `CREATE TABLE model_access (
  model_id    uuid PRIMARY KEY,
  permissions jsonb NOT NULL DEFAULT '{}',
  protection  jsonb
);`,
};

/** Each model's grants (principal → permission) and protection policy, for reads and the admin API. */
export const modelAccessProjection = registryProjection({
  name: 'model_access',
  on: {
    ModelPermissionSet: (tx, { data: { modelId, principal, permission } }) =>
      tx.query(
        `INSERT INTO model_access (model_id, permissions) VALUES ($1, jsonb_build_object($2::text, $3::text))
         ON CONFLICT (model_id) DO UPDATE SET permissions = model_access.permissions || EXCLUDED.permissions`,
        [modelId, principal, permission],
      ),
    ModelPermissionDeleted: (tx, { data: { modelId, principal } }) =>
      tx.query(`UPDATE model_access SET permissions = permissions - $2::text WHERE model_id = $1`, [
        modelId,
        principal,
      ]),
    ModelProtectionSet: (tx, { data: { modelId, name: _, ...protection } }) =>
      tx.query(
        `INSERT INTO model_access (model_id, protection) VALUES ($1, $2::jsonb)
         ON CONFLICT (model_id) DO UPDATE SET protection = EXCLUDED.protection`,
        [modelId, JSON.stringify(protection)],
      ),
  },
  reset: (tx) => tx.query(`DELETE FROM model_access`),
});

export interface ModelAccessView {
  permissions: Record<string, Permission>;
  protection: Protection | null;
}

export async function findModelAccess(on: Queryable, modelId: string): Promise<ModelAccessView> {
  const rows: ModelAccessView[] = await on.query(
    `SELECT permissions, protection FROM model_access WHERE model_id = $1`,
    [modelId],
  );
  return rows[0] ?? { permissions: {}, protection: null };
}

/**
 * A SQL condition on a model id column: the subject may read that model (its grant, or the
 * default, is not NO_PERMISSIONS). `$n` is the subject's name, `$n+1` the default permission.
 */
export const readableBy = (modelIdColumn: string, n: number): string =>
  `COALESCE((SELECT a.permissions ->> $${n} FROM model_access a WHERE a.model_id = ${modelIdColumn}), $${n + 1}) <> 'NO_PERMISSIONS'`;
