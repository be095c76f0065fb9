import { Stage } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { MlflowRegisteredModel, mlflowModel, ModelFields, VersionFields } from '../mlflow-shapes';

/**
 * What MLflow shows with every registered model — its latest version per stage and its aliases —
 * loaded for a whole page at once: one query each, however many models the page holds.
 */

/** A model_versions row as the MLflow queries select it. */
export interface VersionRow extends Record<string, unknown> {
  name: string;
  version: number;
  source: string;
  run_id: string;
  run_link: string;
  description: string;
  tags: Record<string, string>;
  stage: Stage;
  aliases: string[];
  created_at: Date;
  updated_at: Date;
  logged_model_id: string;
}

/** The columns of a VersionRow, qualified by a table alias when given. */
export const versionRowColumns = (alias?: string): string =>
  ['name', 'version', 'source', 'run_id', 'run_link', 'description', 'tags', 'stage', 'aliases']
    .concat(['created_at', 'updated_at', 'logged_model_id'])
    .map((c) => (alias ? `${alias}.${c}` : c))
    .join(', ');

interface LatestRow extends VersionRow {
  model_id: string;
}

interface AliasRow {
  model_id: string;
  alias: string;
  version: number;
}

export interface PageModel extends ModelFields {
  modelId: string;
}

const groupBy = <T extends { model_id: string }>(rows: T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.model_id);
    if (group) group.push(row);
    else groups.set(row.model_id, [row]);
  }
  return groups;
};

export const versionFields = (r: VersionRow): VersionFields => ({
  ...{
    name: r.name,
    version: r.version,
    source: r.source,
    runId: r.run_id,
    runLink: r.run_link,
    description: r.description,
  },
  ...{ tags: r.tags, stage: r.stage, aliases: r.aliases, createdAt: r.created_at, updatedAt: r.updated_at },
  loggedModelId: r.logged_model_id,
});

/** The live version with the highest number in each stage, per model; ascending by version as MLflow lists them. */
async function latestPerStageOf(on: Queryable, modelIds: string[]): Promise<Map<string, VersionFields[]>> {
  const rows: LatestRow[] = await on.query(
    `SELECT DISTINCT ON (model_id, stage) model_id, ${versionRowColumns()}
     FROM model_versions WHERE model_id = ANY($1::uuid[]) AND NOT deleted
     ORDER BY model_id, stage, version DESC`,
    [modelIds],
  );
  const grouped = groupBy(rows);
  return new Map(
    [...grouped].map(([id, group]) => [id, group.sort((a, b) => a.version - b.version).map(versionFields)]),
  );
}

async function aliasesOf(on: Queryable, modelIds: string[]): Promise<Map<string, AliasRow[]>> {
  const rows: AliasRow[] = await on.query(
    `SELECT model_id, alias, version FROM model_aliases WHERE model_id = ANY($1::uuid[]) ORDER BY model_id, alias`,
    [modelIds],
  );
  return groupBy(rows);
}

/** The models in MLflow's shape, in the order given. */
export async function withVersionsOfAll(on: Queryable, models: readonly PageModel[]): Promise<MlflowRegisteredModel[]> {
  if (models.length === 0) return [];
  const ids = [...new Set(models.map((m) => m.modelId))];
  const [latest, aliases] = await Promise.all([latestPerStageOf(on, ids), aliasesOf(on, ids)]);
  return models.map((m) => mlflowModel(m, latest.get(m.modelId) ?? [], aliases.get(m.modelId) ?? []));
}
