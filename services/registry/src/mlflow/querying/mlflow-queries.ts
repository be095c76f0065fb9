import { onlyReadable, Reader } from '../../model/authorizing/model-access';
import { NotFoundError, ValidationError } from '@ledger/contracts';
import { Queryable } from '@ledger/eventstore';
import { findModel } from '../../model/getting-model/registered-models.projection';
import { VersionView } from '../../model/listing-versions/model-versions.projection';
import { selectVersion, versionByAlias } from '../../model/resolving-uri/resolve-model-uri';
import {
  compileModelVersionSearch,
  compileRegisteredModelSearch,
  pageOf,
  SearchRequest,
} from '../../searching/searching';
import { MlflowModelVersion, MlflowRegisteredModel, ModelFields, mlflowVersion } from '../mlflow-shapes';
import { versionFields, VersionRow, versionRowColumns, withVersionsOfAll } from './model-extras';

/**
 * The MLflow searches, on the same read models the native API reads (registered_models,
 * model_versions, model_aliases). The filter, order and page token come compiled from
 * searching.ts; this file only supplies the tables.
 */

// MLflow clients add `tag.mlflow.prompt.is_prompt != 'true'` to every model search to hide
// prompts. A missing tag matches no comparison, so a model without it reads as "false".
const PROMPT_TAG = 'mlflow.prompt.is_prompt';
const MODEL_COLUMNS = {
  name: 'm.name',
  createdAt: 'm.created_at',
  updatedAt: 'm.updated_at',
  tagsJsonb: `(jsonb_build_object('${PROMPT_TAG}', 'false') || m.tags)`,
  id: 'm.model_id',
};

const VERSION_COLUMNS = {
  name: 'v.name',
  createdAt: 'v.created_at',
  updatedAt: 'v.updated_at',
  tagsJsonb: 'v.tags',
  runId: 'v.run_id',
  source: 'v.source',
  version: 'v.version',
  id: 'v.model_id',
};

export interface MlflowPage<T> {
  items: T[];
  nextPageToken?: string;
}

interface ModelRow extends Record<string, unknown> {
  model_id: string;
  name: string;
  description: string;
  tags: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

export async function searchRegisteredModels(
  on: Queryable,
  request: SearchRequest,
  reader?: Reader,
): Promise<MlflowPage<MlflowRegisteredModel>> {
  const s = compileRegisteredModelSearch(request, MODEL_COLUMNS);
  const readable = onlyReadable(reader, 'm.model_id', s.params);
  const rows: ModelRow[] = await on.query(
    `SELECT m.model_id, m.name, m.description, m.tags, m.created_at, m.updated_at, ${s.keySelect}
     FROM registered_models m WHERE NOT m.deleted AND ${s.where} AND ${readable.sql} ORDER BY ${s.orderBy} LIMIT ${s.limit}`,
    readable.params,
  );
  const page = pageOf(s, rows);
  const items = await withVersionsOfAll(
    on,
    page.rows.map((r) => ({
      modelId: r.model_id,
      name: r.name,
      description: r.description,
      tags: r.tags,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
  );
  return { items, nextPageToken: page.nextPageToken };
}

export async function searchModelVersions(
  on: Queryable,
  request: SearchRequest,
  reader?: Reader,
): Promise<MlflowPage<MlflowModelVersion>> {
  const s = compileModelVersionSearch(request, VERSION_COLUMNS);
  const readable = onlyReadable(reader, 'm.model_id', s.params);
  // Versions of a deleted model stay in model_versions: the live model decides.
  const rows: VersionRow[] = await on.query(
    `SELECT ${versionRowColumns('v')}, ${s.keySelect}
     FROM model_versions v JOIN registered_models m ON m.model_id = v.model_id AND NOT m.deleted
     WHERE NOT v.deleted AND ${s.where} AND ${readable.sql} ORDER BY ${s.orderBy} LIMIT ${s.limit}`,
    readable.params,
  );
  const page = pageOf(s, rows);
  const items = page.rows.map((r) => mlflowVersion(versionFields(r)));
  return { items, nextPageToken: page.nextPageToken };
}

/** A model with its latest version per stage and its aliases, as MLflow answers it. */
export async function withVersions(on: Queryable, modelId: string, model: ModelFields): Promise<MlflowRegisteredModel> {
  const [shown] = await withVersionsOfAll(on, [{ ...model, modelId }]);
  return shown;
}

export async function getRegisteredModel(on: Queryable, name: string): Promise<MlflowRegisteredModel> {
  const model = await findModel(on, name);
  if (!model) throw new NotFoundError(`registered model "${name}" does not exist`, { name });
  return withVersions(on, model.modelId, model);
}

/**
 * MLflow's get-model-version-by-alias: `latest` (any case) is the highest live version; an
 * alias that is not set is INVALID_PARAMETER_VALUE (400) with MLflow's message, while an
 * unknown model stays RESOURCE_DOES_NOT_EXIST (404).
 */
export async function versionByMlflowAlias(on: Queryable, name: string, alias: string): Promise<VersionView> {
  if (alias.toLowerCase() === 'latest') {
    return selectVersion(on, name, { kind: 'latest' }).catch((error: unknown) => {
      throw error instanceof NotFoundError
        ? new NotFoundError(`Latest version not found for model ${name}.`, { name })
        : error;
    });
  }
  return versionByAlias(
    on,
    name,
    alias,
    () => new ValidationError(`Registered model alias ${alias} not found.`, { name, alias }),
  );
}
