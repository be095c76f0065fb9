import { DatasetColumn, DatasetFormat, ValidationError } from '@ledger/contracts';
import { quoteIdentifier, readerOf, withDuckDB } from '../loading-dataset/dataset-file';

export interface DatasetShape {
  rowCount: number;
  columns: DatasetColumn[];
}

/**
 * Opens a stored file with DuckDB as the format says and reads it through once: its columns and
 * their types, its rows, and each column's missing values. Counting every column forces every
 * value to be parsed, so a file that is readable only in its first rows is refused here, at
 * upload, and not later in the middle of a validation run.
 */
export async function inspectDataset(path: string, format: DatasetFormat): Promise<DatasetShape> {
  try {
    return await withDuckDB(async (connection) => {
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${readerOf(format)}`, [path]);
      const columns = described.getRowObjectsJson().map((row) => ({
        name: String(row.column_name),
        type: String(row.column_type),
      }));
      const counts = columns.map((column) => `count(${quoteIdentifier(column.name)})`);
      const reader = await connection.runAndReadAll(`SELECT count(*), ${counts.join(', ')} FROM ${readerOf(format)}`, [
        path,
      ]);
      const [rowCount, ...present] = reader.getRows()[0].map(Number);
      return { rowCount, columns: columns.map((column, i) => ({ ...column, nullCount: rowCount - present[i] })) };
    });
  } catch (error) {
    const reason = ((error as Error).message.split('\n')[0] ?? '').replaceAll(path, 'the upload');
    throw new ValidationError(`body: not readable as ${format}: ${reason}`, { format });
  }
}
