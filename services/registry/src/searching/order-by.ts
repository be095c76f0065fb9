import { ValidationError } from '@ledger/contracts';
import { pySet, SortKey, TargetSpec } from './search-targets';

/**
 * Parses MLflow order_by clauses (`key`, `key ASC`, ```key` desc``) into sort keys, applying the
 * target's default when the list is empty and appending its tie-breaks, as MLflow's SQL store
 * does: registered models end with name ASC; versions with name ASC, version DESC.
 */
export function parseOrderBy(orderBy: readonly string[] | undefined, spec: TargetSpec): SortKey[] {
  const clauses = orderBy && orderBy.length > 0 ? orderBy : spec.defaultOrder;
  const keys: SortKey[] = [];
  for (const clause of clauses) {
    const key = parseClause(clause, spec);
    if (keys.some((k) => k.column === key.column)) {
      throw new ValidationError(`\`order_by\` contains duplicate fields: [${clauses.map((c) => `'${c}'`).join(', ')}]`);
    }
    keys.push(key);
  }
  for (const tieBreak of spec.tieBreaks) {
    if (!keys.some((k) => k.column === tieBreak.column)) keys.push(tieBreak);
  }
  return keys;
}

function parseClause(clause: string, spec: TargetSpec): SortKey {
  const words = splitWords(clause);
  if (!words || words.length === 0 || words.length > 2) {
    throw new ValidationError(`Invalid order_by clause '${clause}'. Could not be parsed.`);
  }
  const direction = (words[1] ?? 'asc').toLowerCase();
  if (direction !== 'asc' && direction !== 'desc') {
    throw new ValidationError(`Invalid ordering key in order_by clause '${clause}'.`);
  }
  const column = spec.orderKeys[orderKey(words[0], spec)];
  return { column, descending: direction === 'desc' };
}

/** Whitespace-separated words; a backquoted or double-quoted word may contain spaces. */
function splitWords(clause: string): string[] | undefined {
  const words: string[] = [];
  const pattern = /\s*(?:`([^`]*)`|"([^"]*)"|([^\s`"]+))/y;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < clause.trimEnd().length && (match = pattern.exec(clause)) !== null) {
    words.push(match[1] ?? match[2] ?? match[3]);
    at = pattern.lastIndex;
  }
  return at >= clause.trimEnd().length ? words : undefined;
}

function orderKey(word: string, spec: TargetSpec): string {
  const dot = word.indexOf('.');
  let key = word;
  if (dot >= 0 && spec.orderPrefixes.length > 0) {
    const entity = word.slice(0, dot);
    if (!['attribute', 'tag', 'tags'].includes(entity)) {
      throw new ValidationError(`Invalid entity type '${entity}'. Valid entity types are ('attribute', 'tag', 'tags')`);
    }
    key = spec.orderPrefixes.includes(entity) ? word.slice(dot + 1) : word;
  }
  if (!Object.hasOwn(spec.orderKeys, key)) {
    throw new ValidationError(
      `Invalid order by key '${key}' specified. Valid keys are '${pySet(Object.keys(spec.orderKeys))}'`,
    );
  }
  return key;
}
