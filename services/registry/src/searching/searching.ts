import { ValidationError } from '@ledger/contracts';
import { compileFilter, compileKeySelect, compileOrderBy, keyAlias, Params } from './compile-sql';
import { parseFilter } from './filter-parser';
import { compileAfterRow } from './keyset';
import { parseOrderBy } from './order-by';
import { decodePageToken, encodePageToken, hash } from './page-token';
import {
  ColumnMap,
  ModelSearchColumns,
  MODEL_VERSIONS,
  REGISTERED_MODELS,
  SortKey,
  TargetSpec,
  VersionSearchColumns,
} from './search-targets';

/** The search parameters exactly as MLflow's search endpoints take them. */
export interface SearchRequest {
  filter?: string;
  orderBy?: readonly string[];
  /** A number, or the raw query-string value. */
  maxResults?: number | string;
  pageToken?: string;
}

/**
 * Fragments for `SELECT …, ${keySelect} FROM … WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`.
 * `limit` is one more than `maxResults`: the extra row tells whether another page exists.
 */
export interface CompiledSearch {
  where: string;
  params: unknown[];
  orderBy: string;
  keySelect: string;
  /** The column names `keySelect` gives the sort keys in the result rows. */
  keyAliases: readonly string[];
  limit: number;
  maxResults: number;
  /** Identifies filter + order; page tokens carry it. */
  fingerprint: string;
}

export interface SearchOptions {
  /** Number of the first placeholder ($n), for splicing into a query that has parameters. */
  firstParam?: number;
}

export function compileRegisteredModelSearch(
  request: SearchRequest,
  columns: ModelSearchColumns,
  options: SearchOptions = {},
): CompiledSearch {
  return compileSearch(REGISTERED_MODELS, request, columns, options.firstParam ?? 1);
}

export function compileModelVersionSearch(
  request: SearchRequest,
  columns: VersionSearchColumns,
  options: SearchOptions = {},
): CompiledSearch {
  return compileSearch(MODEL_VERSIONS, request, columns, options.firstParam ?? 1);
}

function compileSearch(
  spec: TargetSpec,
  request: SearchRequest,
  columns: ColumnMap,
  firstParam: number,
): CompiledSearch {
  const maxResults = parseMaxResults(request.maxResults, spec);
  const clauses = parseFilter(request.filter, spec);
  const keys = withRowId(parseOrderBy(request.orderBy, spec), columns);
  const fingerprint = hash(JSON.stringify([spec.target, clauses, keys]));
  const params = new Params(firstParam);
  const conditions = compileFilter(clauses, spec, columns, params);
  if (request.pageToken) {
    const after = decodePageToken(request.pageToken, fingerprint, keys.length);
    conditions.push(compileAfterRow(keys, after, columns, params));
  }
  return {
    where: conditions.length > 0 ? conditions.join(' AND ') : 'TRUE',
    params: params.values,
    orderBy: compileOrderBy(keys, columns),
    keySelect: compileKeySelect(keys, columns),
    keyAliases: keys.map((_, i) => keyAlias(i)),
    limit: maxResults + 1,
    maxResults,
    fingerprint,
  };
}

/** The caller's unique id, when mapped, breaks any tie the MLflow keys leave. */
function withRowId(keys: SortKey[], columns: ColumnMap): SortKey[] {
  return columns.id ? [...keys, { column: 'id', descending: false }] : keys;
}

function parseMaxResults(raw: number | string | undefined, spec: TargetSpec): number {
  if (raw === undefined || raw === '') return spec.maxResultsDefault;
  const value = typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValidationError(`Invalid value for max_results. It must be a positive integer, but got ${raw}`);
  }
  if (value > spec.maxResultsLimit) {
    throw new ValidationError(
      `Invalid value for request parameter max_results. It must be at most ${spec.maxResultsLimit}, but got value ${value}`,
    );
  }
  return value;
}

export interface Page<R> {
  rows: R[];
  nextPageToken?: string;
}

/**
 * Trims the `limit` rows a search fetched to one page and, when there were more, makes the
 * token that continues after the page's last row (read from the `keySelect` columns).
 */
export function pageOf<R extends Record<string, unknown>>(search: CompiledSearch, fetched: readonly R[]): Page<R> {
  const rows = fetched.slice(0, search.maxResults);
  if (fetched.length <= search.maxResults) return { rows };
  const last = rows[rows.length - 1];
  const keys = search.keyAliases.map((alias) => keyText(last[alias], alias));
  return { rows, nextPageToken: encodePageToken(search.fingerprint, keys) };
}

function keyText(value: unknown, alias: string): string {
  // A programming error (the query did not select keySelect), never a client mistake.
  if (typeof value !== 'string') throw new Error(`search row lacks sort key ${alias}: select CompiledSearch.keySelect`);
  return value;
}
