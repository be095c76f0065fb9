import { onlyReadable, Reader } from '../../model/authorizing/model-access';
import { Queryable } from '@ledger/eventstore';
import { parseInput } from '@ledger/platform';
import { z } from 'zod';
import { WholeNumber } from '../../http-params';
import { modelViewOfRow, ModelView } from '../../model/getting-model/registered-models.projection';
import { versionViewColumns, versionViewOfRow, VersionView } from '../../model/listing-versions/version-view';
import { compileModelVersionSearch, compileRegisteredModelSearch, pageOf } from '../searching';

/**
 * Search on the native API: MLflow's filter grammar, order keys and keyset page tokens (the
 * same compiler the MLflow routes use), answered with the native views. Parameters are
 * camelCase and checked here, so their errors name them as the caller wrote them.
 */

export const NATIVE_SEARCH_DEFAULT = 100;
export const MODEL_SEARCH_MAX = 1000;
export const VERSION_SEARCH_MAX = 200_000;

export interface SearchPage<T> {
  items: T[];
  nextPageToken: string | null;
}

const searchSchema = (max: number) =>
  z.object({
    filter: z.string('must be given once, as a string').max(10_000, 'must be at most 10000 characters').optional(),
    orderBy: z.union([z.string().transform((key) => [key]), z.array(z.string()).max(10, 'at most 10 keys')]).optional(),
    maxResults: WholeNumber(1, max).default(NATIVE_SEARCH_DEFAULT),
    pageToken: z.string('must be given once, as a string').max(4096, 'must be at most 4096 characters').optional(),
  });

export type NativeSearchQuery = z.output<ReturnType<typeof searchSchema>>;

export const parseModelSearch = (query: unknown): NativeSearchQuery =>
  parseInput(searchSchema(MODEL_SEARCH_MAX), query, 'query');
export const parseVersionSearch = (query: unknown): NativeSearchQuery =>
  parseInput(searchSchema(VERSION_SEARCH_MAX), query, 'query');

const MODEL_COLUMNS = {
  name: 'm.name',
  createdAt: 'm.created_at',
  updatedAt: 'm.updated_at',
  tagsJsonb: 'm.tags',
  id: 'm.model_id',
};
const VERSION_COLUMNS = {
  ...{ name: 'v.name', createdAt: 'v.created_at', updatedAt: 'v.updated_at', tagsJsonb: 'v.tags' },
  ...{ runId: 'v.run_id', source: 'v.source', version: 'v.version', id: 'v.model_id' },
};

export async function searchModels(
  on: Queryable,
  query: NativeSearchQuery,
  reader?: Reader,
): Promise<SearchPage<ModelView>> {
  const s = compileRegisteredModelSearch(query, MODEL_COLUMNS);
  const readable = onlyReadable(reader, 'm.model_id', s.params);
  const rows = await on.query(
    `SELECT m.model_id, m.name, m.description, m.tags, m.latest_version, m.created_at, m.updated_at, ${s.keySelect}
     FROM registered_models m WHERE NOT m.deleted AND ${s.where} AND ${readable.sql} ORDER BY ${s.orderBy} LIMIT ${s.limit}`,
    readable.params,
  );
  const page = pageOf(s, rows);
  return { items: page.rows.map(modelViewOfRow), nextPageToken: page.nextPageToken ?? null };
}

export async function searchVersions(
  on: Queryable,
  query: NativeSearchQuery,
  reader?: Reader,
): Promise<SearchPage<VersionView>> {
  const s = compileModelVersionSearch(query, VERSION_COLUMNS);
  const readable = onlyReadable(reader, 'm.model_id', s.params);
  // Versions of a deleted model stay in model_versions: the live model decides.
  const rows = await on.query(
    `SELECT ${versionViewColumns('v')}, ${s.keySelect}
     FROM model_versions v JOIN registered_models m ON m.model_id = v.model_id AND NOT m.deleted
     WHERE NOT v.deleted AND ${s.where} AND ${readable.sql} ORDER BY ${s.orderBy} LIMIT ${s.limit}`,
    readable.params,
  );
  const page = pageOf(s, rows);
  return { items: page.rows.map(versionViewOfRow), nextPageToken: page.nextPageToken ?? null };
}
