import { EntityManager } from 'typeorm';
import { AlreadyExistsError, RegisteredModelCreatedData } from '@ledger/contracts';
import { Migration, Projection, Queryable, StoredEvent } from '@ledger/eventstore';
import { eventData, isUniqueViolation } from '../../stored-event';

export const MODEL_NAMES_MIGRATION: Migration = {
  id: 'registry-001-model-names',
  sql: `CREATE TABLE model_names (
  name     text PRIMARY KEY,
  model_id uuid NOT NULL UNIQUE
);`,
};

/**
 * The name index, applied inline with the append: the primary key on name is what makes two
 * concurrent creations of one name impossible (each mints its own stream, so the stream
 * version cannot). Replaying the same event is a no-op (ON CONFLICT on model_id); a second
 * model with a taken name violates the key and becomes RESOURCE_ALREADY_EXISTS.
 */
export const modelNamesProjection: Projection = {
  name: 'model_names',
  handles: ['RegisteredModelCreated'],
  async apply(tx: EntityManager, event: StoredEvent): Promise<void> {
    const { modelId, name } = eventData<RegisteredModelCreatedData>(event);
    try {
      await tx.query(`INSERT INTO model_names (name, model_id) VALUES ($1, $2) ON CONFLICT (model_id) DO NOTHING`, [name, modelId]);
    } catch (error) {
      if (isUniqueViolation(error, 'model_names_pkey')) throw new AlreadyExistsError(`registered model "${name}" already exists`, { name });
      throw error;
    }
  },
  async reset(tx: EntityManager): Promise<void> {
    await tx.query(`DELETE FROM model_names`);
  },
};

export async function findModelId(on: Queryable, name: string): Promise<string | undefined> {
  const rows: { model_id: string }[] = await on.query(`SELECT model_id FROM model_names WHERE name = $1`, [name]);
  return rows[0]?.model_id;
}
