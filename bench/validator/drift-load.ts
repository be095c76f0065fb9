// Reads a Parquet or CSV file into the drift report's typed columns with DuckDB: numbers straight
// into Float64Array (NULL → NaN), strings as codes into a per-file dictionary (code 0 = NULL), so
// no string is made per row.
import { DuckDBConnection, DuckDBVector } from '@duckdb/node-api';
import type { Columns } from '../../services/validator/src/data';

export type FileColumnTypes = Record<string, 'numerical' | 'categorical'>;

const NUMERIC_TYPES = /^(DOUBLE|FLOAT|REAL|DECIMAL|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|U\w*INT|BOOLEAN)/;

export function fileSource(path: string): string {
  return path.endsWith('.csv') ? `read_csv('${path}')` : `read_parquet('${path}')`;
}

/** Numbers are numerical columns; everything else (strings) categorical. */
export async function columnTypes(connection: DuckDBConnection, path: string): Promise<FileColumnTypes> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${fileSource(path)}`);
  const types: FileColumnTypes = {};
  for (const row of reader.getRowObjects())
    types[String(row.column_name)] = NUMERIC_TYPES.test(String(row.column_type)) ? 'numerical' : 'categorical';
  return types;
}

export async function loadColumns(
  connection: DuckDBConnection,
  path: string,
  types: FileColumnTypes,
  names: string[],
): Promise<Columns> {
  const source = fileSource(path);
  const rows = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${source}`)).getRows()[0][0]);
  const dictionaries = await categoryDictionaries(
    connection,
    source,
    names.filter((n) => types[n] === 'categorical'),
  );
  const expressions = names.map((name) =>
    types[name] === 'numerical'
      ? `coalesce(CAST(${quote(name)} AS DOUBLE), 'NaN'::DOUBLE)`
      : `coalesce(list_position(${listLiteral(dictionaries[name])}, ${quote(name)}), 0)::DOUBLE`,
  );
  const buffers = names.map(() => new Float64Array(rows));
  const result = await connection.stream(`SELECT ${expressions.join(', ')} FROM ${source}`);
  let offset = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    for (let c = 0; c < names.length; c++) copyDoubles(chunk.getColumnVector(c), buffers[c], offset, chunk.rowCount);
    offset += chunk.rowCount;
  }
  const columns: Columns = {};
  names.forEach((name, c) => {
    columns[name] =
      types[name] === 'numerical' ? buffers[c] : { codes: Uint32Array.from(buffers[c]), labels: dictionaries[name] };
  });
  return columns;
}

async function categoryDictionaries(
  connection: DuckDBConnection,
  source: string,
  names: string[],
): Promise<Record<string, string[]>> {
  if (names.length === 0) return {};
  const lists = names.map(
    (name) => `list_sort(list(DISTINCT ${quote(name)}) FILTER (WHERE ${quote(name)} IS NOT NULL))`,
  );
  const reader = await connection.runAndReadAll(`SELECT ${lists.join(', ')} FROM ${source}`);
  const [row] = reader.getRowsJS();
  return Object.fromEntries(names.map((name, at) => [name, (row[at] as unknown[]).map(String)]));
}

/**
 * The node API keeps a double vector's values in a Float64Array it does not type as public; read
 * it when present (a block copy), else value by value through the public getItem.
 */
function copyDoubles(vector: DuckDBVector, target: Float64Array, offset: number, count: number): void {
  const items = (vector as unknown as { items?: unknown }).items;
  if (items instanceof Float64Array) {
    target.set(items.subarray(0, count), offset);
    return;
  }
  for (let i = 0; i < count; i++) target[offset + i] = Number(vector.getItem(i) ?? NaN);
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function listLiteral(values: string[]): string {
  return `[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')}]::VARCHAR[]`;
}
