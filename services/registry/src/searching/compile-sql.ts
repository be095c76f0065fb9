import { Clause } from './filter-parser';
import { ColumnMap, ColumnName, SortKey, TargetSpec } from './search-targets';

/** Numbered placeholders from a caller-chosen start, so fragments splice into a larger query. */
export class Params {
  readonly values: unknown[] = [];
  constructor(private readonly first: number) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.first + this.values.length - 1}`;
  }
}

export function column(columns: ColumnMap, name: ColumnName): string {
  const sql = columns[name];
  // A missing column is a wiring bug in the read model, not bad user input.
  if (!sql) throw new Error(`search column '${name}' is not mapped`);
  return sql;
}

const SQL_OPERATORS: Readonly<Record<string, string>> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  LIKE: 'LIKE',
  ILIKE: 'ILIKE',
};

/**
 * One condition per clause; every user value is a parameter. A tag comparison on a missing
 * tag yields NULL, so the row is excluded even for `!=`: MLflow joins the tag table and
 * behaves the same way.
 */
export function compileFilter(
  clauses: readonly Clause[],
  spec: TargetSpec,
  columns: ColumnMap,
  params: Params,
): string[] {
  return clauses.map((clause) => {
    if (clause.type === 'tag') {
      const tag = `(${column(columns, 'tagsJsonb')} ->> ${params.add(clause.key)})`;
      return `${tag} ${SQL_OPERATORS[clause.comparator]} ${params.add(clause.value)}`;
    }
    const target = column(columns, spec.attributes[clause.key].column);
    if (clause.comparator === 'IN') return `${target} = ANY(${params.add(clause.value)}::text[])`;
    if (clause.comparator === 'NOT IN') return `${target} <> ALL(${params.add(clause.value)}::text[])`;
    return `${target} ${SQL_OPERATORS[clause.comparator]} ${params.add(clause.value)}`;
  });
}

export function compileOrderBy(keys: readonly SortKey[], columns: ColumnMap): string {
  return keys.map((k) => `${column(columns, k.column)} ${k.descending ? 'DESC' : 'ASC'}`).join(', ');
}

export const keyAlias = (i: number): string => `__k${i}`;

/**
 * The sort keys as text, for the page token. Text round-trips exactly through a parameter
 * (PostgreSQL infers the column's type), whereas a JS Date would cut timestamptz microseconds
 * and make the next page repeat rows.
 */
export function compileKeySelect(keys: readonly SortKey[], columns: ColumnMap): string {
  return keys.map((k, i) => `(${column(columns, k.column)})::text AS "${keyAlias(i)}"`).join(', ');
}
