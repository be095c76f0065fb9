import { EntityManager } from 'typeorm';
import { AlreadyExistsError, RegisteredModelCreatedData, RegisteredModelRenamedData } from '@ledger/contracts';
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
 * concurrent creations (or renames) to one name impossible (each model has its own stream, so
 * no stream version can). Replaying the same event is a no-op (ON CONFLICT on model_id; a
 * rename sets the name it already has); a taken name violates the key and becomes
 * RESOURCE_ALREADY_EXISTS. A deleted model leaves the index, so its name is free again.
 */
export const modelNamesProjection: Projection = {
  name: 'model_names',
  handles: ['RegisteredModelCreated', 'RegisteredModelRenamed', 'RegisteredModelDeleted'],
  async apply(tx: EntityManager, event: StoredEvent): Promise<void> {
    const { modelId, name } = eventData<RegisteredModelCreatedData | RegisteredModelRenamedData>(event);
    try {
      if (event.type === 'RegisteredModelCreated') {
        await tx.query(`INSERT INTO model_names (name, model_id) VALUES ($1, $2) ON CONFLICT (model_id) DO NOTHING`, [name, modelId]);
      } else if (event.type === 'RegisteredModelRenamed') {
        await tx.query(`UPDATE model_names SET name = $1 WHERE model_id = $2`, [name, modelId]);
      } else {
        await tx.query(`DELETE FROM model_names WHERE model_id = $1`, [modelId]);
      }
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
