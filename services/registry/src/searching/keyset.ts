import { column, Params } from './compile-sql';
import { ColumnMap, SortKey } from './search-targets';

/**
 * The condition "sorts strictly after the row whose keys are `values`" for an ORDER BY over
 * `keys`. The keys end in a unique combination, so this is a total order: a row seen on one
 * page can never qualify again, and rows inserted meanwhile land either before the cursor
 * (never shown) or after it (shown once), which is what keeps pages right under writes.
 */
export function compileAfterRow(
  keys: readonly SortKey[],
  values: readonly string[],
  columns: ColumnMap,
  params: Params,
): string {
  const placeholders = values.map((v) => params.add(v));
  const sql = keys.map((k) => column(columns, k.column));
  const uniform = keys.every((k) => k.descending === keys[0].descending);
  if (uniform) {
    // A row comparison is the form PostgreSQL turns into one index range scan.
    const op = keys[0].descending ? '<' : '>';
    return `(${sql.join(', ')}) ${op} (${placeholders.join(', ')})`;
  }
  const strict = (i: number): string => `${sql[i]} ${keys[i].descending ? '<' : '>'} ${placeholders[i]}`;
  let nested = strict(keys.length - 1);
  for (let i = keys.length - 2; i >= 0; i--) {
    nested = `(${strict(i)} OR (${sql[i]} = ${placeholders[i]} AND ${nested}))`;
  }
  // The redundant bound on the first key lets an index on it narrow the scan.
  const bound = `${sql[0]} ${keys[0].descending ? '<=' : '>='} ${placeholders[0]}`;
  return `${bound} AND ${nested}`;
}
