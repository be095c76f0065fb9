import { DatasetColumn, LedgerError, NotFoundError, ValidationError } from '@ledger/contracts';
import { DatasetsContext } from '../datasets.context';
import {
  DatasetVersionView,
  findDatasetBySha256,
  findDatasetVersion,
} from '../getting-datasets/dataset-versions.projection';
import { ColumnBuilder, ColumnValues } from './column-builder';
import { blobPath, isNumericType, quoteIdentifier, readerOf, withDuckDB } from './dataset-file';

/** A dataset version by name and version, or by the sha256 of its content. */
export type DatasetRef = { name: string; version: number } | { sha256: string } | string;

export interface LoadOptions {
  /** Only these columns, in this order (default: every column, in the file's order). */
  columns?: string[];
  /** At most this many rows, from the start of the file. */
  limit?: number;
}

export interface LoadedDataset {
  /** Which version was read (a sha256 reference resolves to its latest registration). */
  source: Pick<DatasetVersionView, 'name' | 'version' | 'sha256' | 'format'>;
  rowCount: number;
  /** Numeric columns as Float64Array (NaN where missing); every other column as strings (null where missing). */
  columns: Map<string, ColumnValues>;
}

/**
 * The stored bytes of a recorded dataset no longer match its sha256 (or are gone): a Conflict,
 * as for the registry's artifacts. A check that meets it ends in `error`, never in a verdict on
 * other data than the version names.
 */
export class DatasetCorruptedError extends LedgerError {
  readonly kind = 'Conflict';
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, 'DATASET_CORRUPTED', details);
  }
}

/**
 * Reads a dataset version through DuckDB, column by column from its data chunks (no row objects),
 * after checking the stored file still hashes to the recorded sha256: DuckDB needs random access
 * (Parquet), so the digest is checked by a full read before, not while, it opens the file.
 */
export async function loadDataset(
  context: DatasetsContext,
  ref: DatasetRef,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  const dataset = await resolveDataset(context, ref);
  const columns = chosenColumns(dataset, options.columns);
  const limit = parseLimit(options.limit);
  await requireIntact(context, dataset);
  const select = columns.map(({ name, type }) =>
    isNumericType(type) ? `CAST(${quoteIdentifier(name)} AS DOUBLE)` : `CAST(${quoteIdentifier(name)} AS VARCHAR)`,
  );
  const sql = `SELECT ${select.join(', ')} FROM ${readerOf(dataset.format)}${limit === undefined ? '' : ` LIMIT ${limit}`}`;
  const expectedRows = Math.min(dataset.rowCount, limit ?? Infinity);
  const builders = columns.map(({ type }) => new ColumnBuilder(isNumericType(type), expectedRows));
  let rowCount = 0;
  await withDuckDB(async (connection) => {
    const result = await connection.stream(sql, [blobPath(context.store, dataset.sha256)]);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      builders.forEach((builder, i) => builder.append(chunk!, i));
      rowCount += chunk.rowCount;
    }
  });
  const { name, version, sha256, format } = dataset;
  return {
    source: { name, version, sha256, format },
    rowCount,
    columns: new Map(columns.map((column, i) => [column.name, builders[i].build()])),
  };
}

async function resolveDataset(context: DatasetsContext, ref: DatasetRef): Promise<DatasetVersionView> {
  if (typeof ref === 'string' || 'sha256' in ref) {
    const sha256 = typeof ref === 'string' ? ref : ref.sha256;
    const found = await findDatasetBySha256(context.db, sha256);
    if (!found) throw new NotFoundError(`no dataset version has sha256 ${sha256}`, { sha256 });
    return found;
  }
  const found = await findDatasetVersion(context.db, ref.name, ref.version);
  if (!found)
    throw new NotFoundError(`version ${ref.version} of dataset "${ref.name}" does not exist`, {
      name: ref.name,
      version: ref.version,
    });
  return found;
}

function chosenColumns(dataset: DatasetVersionView, names: string[] | undefined): DatasetColumn[] {
  if (names === undefined) return dataset.columns;
  const byName = new Map(dataset.columns.map((column) => [column.name, column]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0)
    throw new ValidationError(
      `columns: dataset "${dataset.name}" v${dataset.version} has no column ${unknown.map((n) => `"${n}"`).join(', ')}`,
      { name: dataset.name, version: dataset.version, unknown },
    );
  return names.map((name) => byName.get(name)!);
}

function parseLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isSafeInteger(limit) || limit < 0)
    throw new ValidationError(`limit: must be a whole number of rows, at least 0, not ${limit}`, { limit });
  return limit;
}

async function requireIntact(context: DatasetsContext, dataset: DatasetVersionView): Promise<void> {
  const result = await context.store.verify(dataset.sha256);
  if (result.status === 'ok' && result.sizeBytes === dataset.sizeBytes) return;
  const what = result.status === 'missing' ? 'is missing from the store' : 'does not match its sha256';
  throw new DatasetCorruptedError(
    `the stored file of version ${dataset.version} of dataset "${dataset.name}" ${what}`,
    {
      name: dataset.name,
      version: dataset.version,
      sha256: dataset.sha256,
      ...(result.status === 'corrupted' ? { actualSha256: result.actualSha256 } : {}),
    },
  );
}
