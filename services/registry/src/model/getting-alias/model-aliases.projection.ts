import { Migration, occurredAt, Queryable } from '@ledger/eventstore';
import { registryProjection } from '../../stored-event';

export const MODEL_ALIASES_MIGRATION: Migration = {
  id: 'registry-006-model-aliases',
  sql: `CREATE TABLE model_aliases (
  model_id   uuid NOT NULL,
  alias      text NOT NULL,
  version    int NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (model_id, alias)
);`,
};

/** Where each alias points now (its history is in the log: AliasSet, AliasDeleted, VersionDeleted). */
export const modelAliasesProjection = registryProjection({
  name: 'model_aliases',
  on: {
    AliasSet: (tx, { data: { modelId, alias, version }, metadata }) =>
      tx.query(
        `INSERT INTO model_aliases (model_id, alias, version, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (model_id, alias) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
        [modelId, alias, version, occurredAt({ metadata })],
      ),
    AliasDeleted: (tx, { data: { modelId, alias } }) =>
      tx.query(`DELETE FROM model_aliases WHERE model_id = $1 AND alias = $2`, [modelId, alias]),
    VersionDeleted: (tx, { data: { modelId, removedAliases } }) =>
      tx.query(`DELETE FROM model_aliases WHERE model_id = $1 AND alias = ANY($2::text[])`, [modelId, removedAliases]),
  },
  reset: (tx) => tx.query(`DELETE FROM model_aliases`),
});

export async function findAliasVersion(on: Queryable, modelId: string, alias: string): Promise<number | undefined> {
  const rows: { version: number }[] = await on.query(
    `SELECT version FROM model_aliases WHERE model_id = $1 AND alias = $2`,
    [modelId, alias],
  );
  return rows[0]?.version;
}
