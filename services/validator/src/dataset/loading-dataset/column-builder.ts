import duckdb from '@duckdb/node-bindings';
import { DuckDBDataChunk } from '@duckdb/node-api';

export type ColumnValues = Float64Array | (string | null)[];

/**
 * Fills one column from DuckDB's data chunks, vector by vector: numbers into a Float64Array
 * (NaN where missing), everything else as strings (null where missing). Sized for the expected
 * rows up front; grows only if the file holds more than recorded.
 */
export class ColumnBuilder {
  private values: ColumnValues;
  private length = 0;

  constructor(numeric: boolean, expectedRows: number) {
    this.values = numeric ? new Float64Array(expectedRows) : new Array<string | null>(expectedRows);
  }

  append(chunk: DuckDBDataChunk, columnIndex: number): void {
    const rows = chunk.rowCount;
    this.reserve(this.length + rows);
    if (this.values instanceof Float64Array) copyDoubles(chunk, columnIndex, this.values, this.length);
    else copyStrings(chunk, columnIndex, this.values, this.length);
    this.length += rows;
  }

  /** The values read, exactly as many as rows. */
  build(): ColumnValues {
    return this.values.length === this.length ? this.values : this.values.slice(0, this.length);
  }

  private reserve(rows: number): void {
    if (rows <= this.values.length) return;
    const capacity = Math.max(rows, this.values.length * 2);
    if (this.values instanceof Float64Array) {
      const grown = new Float64Array(capacity);
      grown.set(this.values);
      this.values = grown;
    } else {
      this.values.length = capacity;
    }
  }
}

/**
 * Vectors are read straight from DuckDB's memory through its C API bindings: the node-api's
 * per-item getItem tests validity with BigInt arithmetic and decodes through a TextDecoder, about
 * 100 ns a number and far more a string (seconds per million rows and column), against a block
 * copy for numbers here and Node's native UTF-8 slicing for strings.
 */
function vectorOf(chunk: DuckDBDataChunk, columnIndex: number, itemBytes: number) {
  const rows = chunk.rowCount;
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, columnIndex);
  const data = duckdb.vector_get_data(vector, rows * itemBytes);
  // No mask means every value is present.
  const validity = duckdb.vector_get_validity(vector, Math.ceil(rows / 64) * 8) as Uint8Array | null;
  const missing = (row: number) => validity !== null && (validity[row >> 3] & (1 << (row & 7))) === 0;
  return { rows, data, missing };
}

function copyDoubles(chunk: DuckDBDataChunk, columnIndex: number, target: Float64Array, offset: number): void {
  const { rows, data, missing } = vectorOf(chunk, columnIndex, Float64Array.BYTES_PER_ELEMENT);
  target.set(new Float64Array(data.buffer, data.byteOffset, rows), offset);
  for (let row = 0; row < rows; row++) if (missing(row)) target[offset + row] = NaN;
}

/** DuckDB's string_t: 16 bytes, a uint32 length, then the bytes inline (up to 12) or a prefix and a pointer. */
const STRING_BYTES = 16;
const INLINE_MAX = 12;

function copyStrings(chunk: DuckDBDataChunk, columnIndex: number, target: (string | null)[], offset: number): void {
  const { rows, data, missing } = vectorOf(chunk, columnIndex, STRING_BYTES);
  const bytes = Buffer.from(data.buffer, data.byteOffset, rows * STRING_BYTES);
  for (let row = 0; row < rows; row++) {
    const at = row * STRING_BYTES;
    const length = bytes.readUInt32LE(at);
    target[offset + row] = missing(row)
      ? null
      : length <= INLINE_MAX
        ? bytes.toString('utf8', at + 4, at + 4 + length)
        : Buffer.from(
            duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + at + 8, length),
          ).toString('utf8');
  }
}
