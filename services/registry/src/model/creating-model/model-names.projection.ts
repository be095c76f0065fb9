import { AlreadyExistsError } from '@ledger/contracts';
import { isUniqueViolation, Migration, Queryable } from '@ledger/eventstore';
import { registryProjection } from '../../stored-event';

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
export const modelNamesProjection = registryProjection({
  name: 'model_names',
  on: {
    RegisteredModelCreated: (tx, { data: { modelId, name } }) =>
      claiming(name, () =>
        tx.query(`INSERT INTO model_names (name, model_id) VALUES ($1, $2) ON CONFLICT (model_id) DO NOTHING`, [
          name,
          modelId,
        ]),
      ),
    RegisteredModelRenamed: (tx, { data: { modelId, name } }) =>
      claiming(name, () => tx.query(`UPDATE model_names SET name = $1 WHERE model_id = $2`, [name, modelId])),
    RegisteredModelDeleted: (tx, { data: { modelId } }) =>
      tx.query(`DELETE FROM model_names WHERE model_id = $1`, [modelId]),
  },
  reset: (tx) => tx.query(`DELETE FROM model_names`),
});

/** Writes that take `name`: the key violation of a name another model holds is RESOURCE_ALREADY_EXISTS. */
async function claiming(name: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (isUniqueViolation(error, 'model_names_pkey'))
      throw new AlreadyExistsError(`registered model "${name}" already exists`, { name });
    throw error;
  }
}

export async function findModelId(on: Queryable, name: string): Promise<string | undefined> {
  const rows: { model_id: string }[] = await on.query(`SELECT model_id FROM model_names WHERE name = $1`, [name]);
  return rows[0]?.model_id;
}
