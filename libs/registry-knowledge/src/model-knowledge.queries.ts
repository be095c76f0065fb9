import { EntityManager } from 'typeorm';
import { NotFoundError } from '@ledger/contracts';

type On = Pick<EntityManager, 'query'>;

/** The id of the live model now called `name`; NotFoundError when the registry's events name none. */
export async function modelIdByName(on: On, name: string): Promise<string> {
  const rows: { model_id: string }[] = await on.query(
    `SELECT model_id FROM known_models WHERE name = $1 AND NOT deleted LIMIT 1`,
    [name],
  );
  if (!rows[0])
    throw new NotFoundError(`registered model "${name}" does not exist (as far as the registry's events tell)`);
  return rows[0].model_id;
}

/** The newest live version of a model, or undefined. */
export async function latestVersion(on: On, modelId: string): Promise<number | undefined> {
  const rows = await on.query(
    `SELECT max(version) AS version FROM known_versions WHERE model_id = $1 AND NOT deleted`,
    [modelId],
  );
  return rows[0]?.version ?? undefined;
}
