import { LoggedModelIdSchema, Stage, STAGES, ValidationError, whyUnstorable } from '@ledger/contracts';

/**
 * Reads MLflow request parameters (a JSON body, or the query string of a GET) with MLflow's
 * messages. Unknown fields are ignored, as MLflow's server does: newer clients send fields
 * (e.g. model_id) older servers do not know.
 */
export type Params = Record<string, unknown>;

const HINT = ' See the API docs for more information about request parameters.';

export const paramsOf = (source: unknown): Params =>
  source !== null && typeof source === 'object' && !Array.isArray(source) ? (source as Params) : {};

// Parameters read from a query string, where a repeated key arrives as a list.
const fromQuery = new WeakSet<Params>();

/** The parameters of a GET's query string: a repeated key is a list, whose first value counts where one belongs. */
export function queryParamsOf(query: unknown): Params {
  const params = { ...paramsOf(query) };
  fromQuery.add(params);
  return params;
}

const missing = (name: string) => new ValidationError(`Missing value for required parameter '${name}'.${HINT}`);
const invalid = (name: string, value: unknown, why = '') =>
  new ValidationError(`Invalid value ${JSON.stringify(value)} for parameter '${name}' supplied.${why}${HINT}`);

/**
 * The single value of a parameter. A query string repeats keys and the first one counts (as
 * MLflow reads args.get); a list in a JSON body where one value belongs is refused, as MLflow's
 * protobuf parser refuses it.
 */
function single(params: Params, name: string): unknown {
  const value = params[name];
  if (!Array.isArray(value)) return value;
  if (fromQuery.has(params)) return value[0];
  throw invalid(name, value, " Hint: Value was of type 'list'.");
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = single(params, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(name, value, ` Hint: Value was of type '${typeof value}'.`);
  // Reads send parameters to PostgreSQL too, which refuses NUL and lone surrogates (a 500).
  if (whyUnstorable(value)) throw invalid(name, value, ` It ${whyUnstorable(value)}.`);
  return value;
}

export function requiredString(params: Params, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') throw missing(name);
  return value;
}

/** MLflow 3's model_id (a logged model); "" is unset, as in MLflow's proto2 messages. */
export function optionalModelId(params: Params): string | undefined {
  const value = optionalString(params, 'model_id');
  if (value === undefined || value === '') return undefined;
  if (!LoggedModelIdSchema.safeParse(value).success)
    throw invalid('model_id', value, ' It must be a logged model id: letters, digits, ".", "_", ":" or "-".');
  return value;
}

/** MLflow sends versions as strings ("3"); a number is accepted too. */
export function requiredVersion(params: Params, name = 'version'): number {
  const raw = single(params, name);
  if (raw === undefined || raw === null || raw === '') throw missing(name);
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 2_147_483_647) {
    throw invalid(name, raw, ' It must be a positive integer version number.');
  }
  return Number(text);
}

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = single(params, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalid(name, value, ' It must be a boolean.');
}

/** A repeated parameter: a JSON list, or repeated query keys (one key is one item). */
export function stringList(params: Params, name: string): string[] {
  const value = params[name];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  if (!items.every((item) => typeof item === 'string' && !whyUnstorable(item)))
    throw invalid(name, value, ' It must be a list of strings PostgreSQL can store.');
  return items as string[];
}

/**
 * MLflow's `stages`: each item one stage in any case, exactly as given (MLflow's
 * get_canonical_stage neither trims nor splits, and refuses "").
 */
export function mlflowStages(params: Params): Stage[] {
  const stages = stringList(params, 'stages').map((item) => {
    const stage = STAGES.find((known) => known.toLowerCase() === item.toLowerCase());
    if (!stage) throw invalid('stages', item, ` It must be one of ${STAGES.join(', ')}.`);
    return stage;
  });
  return [...new Set(stages)];
}

/** max_results as MLflow sends it: a number in a body, a string in a query. */
export function optionalMaxResults(params: Params): number | string | undefined {
  const value = single(params, 'max_results');
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return value;
  throw invalid('max_results', value);
}

/** MLflow's tag lists, [{ key, value }], to the native record. */
export function tagRecord(params: Params, name = 'tags'): Record<string, string> | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid(name, value, ' It must be a list of {key, value}.');
  const tags: Record<string, string> = {};
  for (const tag of value) {
    const { key, value: tagValue } = paramsOf(tag);
    if (typeof key !== 'string' || key === '') throw missing(`${name}.key`);
    if (tagValue !== undefined && tagValue !== null && typeof tagValue !== 'string')
      throw invalid(`${name}.value`, tagValue, ` Hint: Value was of type '${typeof tagValue}'.`);
    tags[key] = typeof tagValue === 'string' ? tagValue : '';
  }
  return tags;
}
