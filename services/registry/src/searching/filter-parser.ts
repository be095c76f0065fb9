import { ValidationError } from '@ledger/contracts';
import { isKeyword, Token, tokenize } from './filter-lexer';
import { pyList, pySet, TAG_COMPARATORS, TargetSpec } from './search-targets';

export type FilterValue = string | number | readonly string[];

/** One comparison of a conjunction, with its key already checked against the target. */
export type Clause =
  | { type: 'attribute'; key: string; comparator: string; value: FilterValue }
  | { type: 'tag'; key: string; comparator: string; value: string };

interface Segment {
  left: Token;
  comparator: string;
  right: Token | Token[]; // a token array is a parenthesised list
}

const ENTITY_TYPES = "('attribute', 'tag', 'tags')";

/** Parses an MLflow filter string (a conjunction of comparisons) for one search target. */
export function parseFilter(filter: string | undefined, spec: TargetSpec): Clause[] {
  if (!filter || filter.trim() === '') return [];
  const tokens = tokenize(filter);
  if (tokens.some((t) => t.kind === 'punct' && t.text === ';')) {
    throw new ValidationError(
      `Search filter contained multiple expression '${filter}'. Provide AND-ed expression list.`,
    );
  }
  return splitOnAnd(tokens).map((part) => toClause(toSegment(part), spec));
}

/** Splits at top-level AND (case-insensitive); AND inside parentheses belongs to a list. */
function splitOnAnd(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'punct' && token.text === '(') depth++;
    if (token.kind === 'punct' && token.text === ')') depth--;
    if (depth === 0 && isKeyword(token, 'AND')) parts.push([]);
    else parts[parts.length - 1].push(token);
  }
  if (parts.some((p) => p.length === 0)) throw invalidClauses('AND');
  return parts;
}

function toSegment(part: Token[]): Segment {
  const [left, ...rest] = part;
  const text = part.map((t) => t.text).join(' ');
  if (part.some((t) => isKeyword(t, 'OR'))) throw invalidClauses('OR', 'Only AND is supported to combine comparisons.');
  if (left.kind !== 'word') throw invalidClauses(text);
  const notIn = isKeyword(rest[0], 'NOT') && isKeyword(rest[1], 'IN');
  if (notIn || isKeyword(rest[0], 'IN')) {
    const list = parenthesised(rest.slice(notIn ? 2 : 1));
    if (!list) throw invalidClauses(text);
    return { left, comparator: notIn ? 'NOT IN' : 'IN', right: list };
  }
  const [op, ...value] = rest;
  const isComparator = op?.kind === 'op' || isKeyword(op, 'LIKE') || isKeyword(op, 'ILIKE');
  if (!isComparator) throw invalidClauses(text);
  const list = parenthesised(value);
  if (list) return { left, comparator: op.text.toUpperCase(), right: list };
  if (value.length !== 1 || value[0].kind === 'punct' || value[0].kind === 'op') throw invalidClauses(text);
  return { left, comparator: op.text.toUpperCase(), right: value[0] };
}

function parenthesised(tokens: Token[]): Token[] | undefined {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  if (tokens.length < 2 || first.kind !== 'punct' || first.text !== '(') return undefined;
  if (last.kind !== 'punct' || last.text !== ')') return undefined;
  return tokens.slice(1, -1);
}

function toClause(segment: Segment, spec: TargetSpec): Clause {
  const { entity, key } = identifier(segment.left.text, spec);
  if (entity === 'tag') {
    const value = tagValue(segment.right);
    checkComparator(segment.comparator, TAG_COMPARATORS, `tag '${key}'`);
    return { type: 'tag', key, comparator: segment.comparator, value };
  }
  const listKeys = Object.keys(spec.attributes).filter((name) => spec.attributes[name].comparators.includes('IN'));
  if (Array.isArray(segment.right) && !listKeys.includes(key)) {
    throw new ValidationError(
      `Only ${pyList(listKeys.sort())} attributes support comparison with a list of quoted string values.`,
    );
  }
  // The comparator is checked before the value: `version_number LIKE '1%'` is a wrong operator.
  checkComparator(segment.comparator, spec.attributes[key].comparators, `attribute '${key}'`);
  const value = attributeValue(key, segment.right, spec);
  // IN and NOT IN always have a list (the grammar demands parentheses); any other comparator needs one value.
  if (Array.isArray(value) && segment.comparator !== 'IN' && segment.comparator !== 'NOT IN') {
    throw new ValidationError(
      `Invalid comparator '${segment.comparator}' for a list of values of attribute '${key}'. Use IN.`,
    );
  }
  return { type: 'attribute', key, comparator: segment.comparator, value };
}

function identifier(text: string, spec: TargetSpec): { entity: 'attribute' | 'tag'; key: string } {
  const dot = text.indexOf('.');
  const entity = dot < 0 ? 'attribute' : text.slice(0, dot);
  const key = dot < 0 ? text : text.slice(dot + 1);
  if (entity === 'tag' || entity === 'tags') return { entity: 'tag', key: unquoteKey(key) };
  if (entity !== 'attribute') {
    throw new ValidationError(`Invalid entity type '${entity}'. Valid entity types are ${ENTITY_TYPES}`);
  }
  if (!Object.hasOwn(spec.attributes, key)) {
    throw new ValidationError(
      `Invalid attribute key '${key}' specified. Valid keys are '${pySet(Object.keys(spec.attributes))}'`,
    );
  }
  return { entity: 'attribute', key };
}

function unquoteKey(key: string): string {
  const quoted = key.length >= 2 && /^(['"`]).*\1$/s.test(key);
  return quoted ? key.slice(1, -1) : key;
}

function tagValue(right: Token | Token[]): string {
  if (!Array.isArray(right) && right.kind === 'string') return right.value;
  if (!Array.isArray(right) && right.kind !== 'number') throw unquoted(right.text);
  const shown = Array.isArray(right) ? `(${right.map((t) => t.text).join('')})` : right.text;
  throw new ValidationError(`Expected a quoted string value for tag (e.g. 'my-value'). Got value ${shown}`);
}

function attributeValue(key: string, right: Token | Token[], spec: TargetSpec): FilterValue {
  if (Array.isArray(right)) return stringList(right);
  if (spec.attributes[key].kind === 'integer') return integerValue(key, right);
  if (right.kind === 'string') return right.value;
  if (right.kind !== 'number') throw unquoted(right.text);
  const numeric = Object.keys(spec.attributes).filter((k) => spec.attributes[k].kind === 'integer');
  if (numeric.length === 0) {
    throw new ValidationError(
      `Expected a quoted string value or a list of quoted string values for attributes. Got value ${right.text}`,
    );
  }
  throw new ValidationError(`Only the '${pySet(numeric)}' attributes support comparison with numeric values.`);
}

const INT32_MAX = 2 ** 31 - 1;

/** Versions are int columns: anything else would be a database error (a 500), not a 400. */
function integerValue(key: string, token: Token): number {
  const text = token.kind === 'string' ? token.value.trim() : token.text;
  const integer = (token.kind === 'number' || token.kind === 'string') && /^-?\d+$/.test(text);
  if (!integer || Math.abs(Number(text)) > INT32_MAX) {
    throw new ValidationError(`Expected an integer value for attribute '${key}'. Got value ${token.text}`);
  }
  return Number(text);
}

/** MLflow accepts only single-quoted strings separated by commas inside an IN list. */
function stringList(tokens: Token[]): string[] {
  const prefix = 'While parsing a list in the query,';
  if (tokens.length === 0)
    throw new ValidationError(`${prefix} expected a non-empty list of string values, but got empty list`);
  const values: string[] = [];
  tokens.forEach((token, i) => {
    const wantString = i % 2 === 0;
    if (wantString && token.kind === 'string' && token.quote === "'") values.push(token.value);
    else if (!wantString && token.kind === 'punct' && token.text === ',') return;
    else if (wantString && token.kind !== 'punct') {
      const list = `(${tokens.map((t) => t.text).join('')})`;
      throw new ValidationError(
        `${prefix} expected string value, punctuation, or whitespace, but got different type in list: ${list}`,
      );
    } else throw new ValidationError(`${prefix} expected a non-empty list of string values, but got ill-formed list.`);
  });
  if (tokens.length % 2 === 0)
    throw new ValidationError(`${prefix} expected a non-empty list of string values, but got ill-formed list.`);
  return values;
}

function checkComparator(comparator: string, valid: readonly string[], subject: string): void {
  if (!valid.includes(comparator)) {
    throw new ValidationError(`Invalid comparator '${comparator}' for ${subject} not one of '${pySet(valid)}'`);
  }
}

function unquoted(text: string): ValidationError {
  return new ValidationError(
    `Parameter value is either not quoted or unidentified quote types used for string value ${text}. Use either single or double quotes.`,
  );
}

function invalidClauses(clauses: string, hint?: string): ValidationError {
  return new ValidationError(`Invalid clause(s) in filter string: ${clauses}${hint ? `. ${hint}` : ''}`);
}
