import { EntityManager } from 'typeorm';
import { NotFoundError } from '@ledger/contracts';
import { VersionFacts } from './version-facts';

type On = Pick<EntityManager, 'query'>;

const SELECT_FACTS = `SELECT v.model_id AS "modelId", m.name, v.version, v.source, v.run_id AS "runId",
    v.run_link AS "runLink", v.description, v.framework, v.tags, v.metrics, v.params, v.signature, v.artifact,
    v.semver, v.stage, v.registered_at AS "registeredAt",
    coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM known_aliases a
              WHERE a.model_id = v.model_id AND a.version = v.version), '{}') AS aliases
  FROM known_versions v JOIN known_models m USING (model_id)`;

const asFacts = (row: VersionFacts & { registeredAt: Date | string }): VersionFacts => ({
  ...row,
  registeredAt: new Date(row.registeredAt).toISOString(),
});

/** A live version of a live model by the model's current name; NotFoundError otherwise. */
export async function versionFactsByName(on: On, name: string, version: number): Promise<VersionFacts> {
  const rows = await on.query(
    `${SELECT_FACTS} WHERE m.name = $1 AND NOT m.deleted AND v.version = $2 AND NOT v.deleted`,
    [name, version],
  );
  if (rows.length === 0)
    throw new NotFoundError(
      `registered model "${name}" has no version ${version} (as far as the registry's events tell)`,
    );
  return asFacts(rows[0]);
}

export async function versionFactsById(on: On, modelId: string, version: number): Promise<VersionFacts | undefined> {
  const rows = await on.query(`${SELECT_FACTS} WHERE v.model_id = $1 AND v.version = $2 AND NOT v.deleted`, [
    modelId,
    version,
  ]);
  return rows[0] ? asFacts(rows[0]) : undefined;
}

/** The version an alias points at now, or undefined. */
export async function versionOfAlias(on: On, modelId: string, alias: string): Promise<number | undefined> {
  const rows = await on.query(`SELECT version FROM known_aliases WHERE model_id = $1 AND alias = $2`, [modelId, alias]);
  return rows[0]?.version;
}

/** The latest (highest-numbered) live version in a stage but `excluding`, as MLflow's get_latest_versions answers it. */
export async function latestInStage(
  on: On,
  modelId: string,
  stage: string,
  excluding: number,
): Promise<number | undefined> {
  const rows = await on.query(
    `SELECT max(version) AS version FROM known_versions
     WHERE model_id = $1 AND stage = $2 AND NOT deleted AND version <> $3`,
    [modelId, stage, excluding],
  );
  return rows[0]?.version ?? undefined;
}
