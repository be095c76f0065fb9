import { fileURLToPath } from 'node:url';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { BlobStore } from '@ledger/blobs';
import { DatasetFormat } from '@ledger/contracts';

// The file's path is the statement's one parameter ($1), never spliced into the SQL.
const READERS: Record<DatasetFormat, string> = {
  csv: 'read_csv($1)',
  jsonl: "read_json($1, format = 'newline_delimited')",
  parquet: 'read_parquet($1)',
};

/** The table function that reads a stored dataset of this format, for `SELECT … FROM <reader>`. */
export const readerOf = (format: DatasetFormat): string => READERS[format];

export const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * The local file DuckDB opens for a blob. Only the local adapter is wired today; an object store
 * would hand DuckDB an s3:// URL (its httpfs extension reads those) instead.
 */
export function blobPath(store: BlobStore, sha256: string): string {
  const uri = new URL(store.uriOf(sha256));
  if (uri.protocol !== 'file:') throw new Error(`datasets are read from local blobs only, not ${uri.protocol} ones`);
  return fileURLToPath(uri);
}

/**
 * Runs work on a private in-memory DuckDB, closed afterwards: nothing is shared between reads, and
 * the memory a large read took is given back when it ends.
 */
export async function withDuckDB<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** DuckDB's types whose values are numbers: loaded as Float64Array, NaN where missing. */
const NUMERIC_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;

export const isNumericType = (type: string): boolean => NUMERIC_TYPE.test(type);
