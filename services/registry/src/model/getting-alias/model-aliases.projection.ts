import { EntityManager } from 'typeorm';
import { AliasDeletedData, AliasSetData, VersionDeletedData } from '@ledger/contracts';
import { Migration, Projection, Queryable, StoredEvent } from '@ledger/eventstore';
import { eventData, occurredAt } from '../../stored-event';

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
export const modelAliasesProjection: Projection = {
  name: 'model_aliases',
  handles: ['AliasSet', 'AliasDeleted', 'VersionDeleted'],
  async apply(tx: EntityManager, event: StoredEvent): Promise<void> {
    if (event.type === 'AliasSet') {
      const { modelId, alias, version } = eventData<AliasSetData>(event);
      await tx.query(
        `INSERT INTO model_aliases (model_id, alias, version, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (model_id, alias) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
        [modelId, alias, version, occurredAt(event)],
      );
    } else if (event.type === 'AliasDeleted') {
      const { modelId, alias } = eventData<AliasDeletedData>(event);
      await tx.query(`DELETE FROM model_aliases WHERE model_id = $1 AND alias = $2`, [modelId, alias]);
    } else {
      const { modelId, removedAliases } = eventData<VersionDeletedData>(event);
      await tx.query(`DELETE FROM model_aliases WHERE model_id = $1 AND alias = ANY($2::text[])`, [modelId, removedAliases]);
    }
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM model_aliases`);
  },
};

export async function findAliasVersion(on: Queryable, modelId: string, alias: string): Promise<number | undefined> {
  const rows: { version: number }[] = await on.query(`SELECT version FROM model_aliases WHERE model_id = $1 AND alias = $2`, [modelId, alias]);
  return rows[0]?.version;
}
