/**
 * What each MLflow search accepts, in one place: filter keys with their comparators, order_by
 * keys, the default order, the tie-breaks and the max_results bounds. Values follow MLflow's
 * SqlAlchemyStore (search_registered_models / search_model_versions), which is what an MLflow
 * server answers; where we deliberately accept more, the entry says so.
 */
export type SearchTarget = 'registered_models' | 'model_versions';

/** SQL expressions of the read model, supplied by the caller so table names stay out of here. */
export interface ModelSearchColumns {
  name: string;
  createdAt: string;
  updatedAt: string;
  /** A jsonb object of tag key → value. */
  tagsJsonb: string;
  /** A unique row id; when given it ends every ORDER BY, so the order is total even if names repeat. */
  id?: string;
}

export interface VersionSearchColumns extends ModelSearchColumns {
  runId: string;
  source: string;
  version: string;
}

export type ColumnName = keyof VersionSearchColumns;
/** The column expressions a compilation may reference; which ones depends on the target. */
export type ColumnMap = Partial<Record<ColumnName, string>>;

export interface AttributeRule {
  column: ColumnName;
  kind: 'string' | 'integer';
  comparators: readonly string[];
}

export interface SortKey {
  column: ColumnName;
  descending: boolean;
}

export interface TargetSpec {
  target: SearchTarget;
  attributes: Readonly<Record<string, AttributeRule>>;
  orderKeys: Readonly<Record<string, ColumnName>>;
  /** Order-by entity prefixes accepted in front of a key, e.g. `attribute.name`. */
  orderPrefixes: readonly string[];
  defaultOrder: readonly string[];
  /** Appended, in this order, for every column the request did not already order by. */
  tieBreaks: readonly SortKey[];
  maxResultsDefault: number;
  maxResultsLimit: number;
}

const STRING_COMPARATORS = ['=', '!=', 'LIKE', 'ILIKE'] as const;
export const TAG_COMPARATORS: readonly string[] = STRING_COMPARATORS;
/** Attributes MLflow (3.x) compares with a list of quoted strings: `name` and `run_id`. */
export const LIST_COMPARATORS: readonly string[] = [...STRING_COMPARATORS, 'IN', 'NOT IN'];
export const NUMERIC_COMPARATORS = ['=', '!=', '<', '<=', '>', '>='] as const;

export const REGISTERED_MODELS: TargetSpec = {
  target: 'registered_models',
  attributes: { name: { column: 'name', kind: 'string', comparators: LIST_COMPARATORS } },
  // MLflow's SQL store maps `timestamp` to the last-updated time; `creation_timestamp` is what
  // its file store accepts, so clients written against either keep working.
  orderKeys: {
    name: 'name',
    timestamp: 'updatedAt',
    last_updated_timestamp: 'updatedAt',
    creation_timestamp: 'createdAt',
  },
  orderPrefixes: [],
  defaultOrder: [],
  tieBreaks: [{ column: 'name', descending: false }],
  maxResultsDefault: 100,
  maxResultsLimit: 1000,
};

export const MODEL_VERSIONS: TargetSpec = {
  target: 'model_versions',
  attributes: {
    name: { column: 'name', kind: 'string', comparators: LIST_COMPARATORS },
    run_id: { column: 'runId', kind: 'string', comparators: LIST_COMPARATORS },
    source_path: { column: 'source', kind: 'string', comparators: STRING_COMPARATORS },
    version_number: { column: 'version', kind: 'integer', comparators: NUMERIC_COMPARATORS },
  },
  // `timestamp` is our addition (MLflow rejects it for versions): the creation time, as the
  // registered-model file store reads it.
  orderKeys: {
    name: 'name',
    version_number: 'version',
    creation_timestamp: 'createdAt',
    timestamp: 'createdAt',
    last_updated_timestamp: 'updatedAt',
  },
  orderPrefixes: ['attribute'],
  defaultOrder: ['last_updated_timestamp DESC', 'name ASC', 'version_number DESC'],
  tieBreaks: [
    { column: 'name', descending: false },
    { column: 'version', descending: true },
  ],
  maxResultsDefault: 10_000,
  maxResultsLimit: 200_000,
};

export const TARGETS: Readonly<Record<SearchTarget, TargetSpec>> = {
  registered_models: REGISTERED_MODELS,
  model_versions: MODEL_VERSIONS,
};

/** Python's set repr, as MLflow prints valid keys in its messages: '{'a', 'b'}'. */
export function pySet(values: readonly string[]): string {
  return `{${values.map((v) => `'${v}'`).join(', ')}}`;
}

/** Python's list repr: ['a', 'b']. */
export function pyList(values: readonly string[]): string {
  return `[${values.map((v) => `'${v}'`).join(', ')}]`;
}
