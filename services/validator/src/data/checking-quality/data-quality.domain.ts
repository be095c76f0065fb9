import { ValidationError } from '@ledger/contracts';
import { checkSchema, SchemaMatch, SignatureColumn } from './schema-match.domain';

/** A column: numbers as Float64Array (NaN = missing), categories as strings (null = missing). */
export type ColumnValues = Float64Array | (string | null)[];

export interface QualityExpectations {
  /** The largest share of missing values allowed: one for every column, or per column. */
  maxMissingRate?: number | Record<string, number>;
  /** Declared ranges of numeric columns, bounds inclusive; either bound may be left out. */
  ranges?: Record<string, { min?: number; max?: number }>;
  minRows?: number;
  signature?: SignatureColumn[];
}

export interface MissingCheck {
  column: string;
  missing: number;
  rate: number;
  maxRate: number | null;
  passed: boolean;
}

export interface RangeCheck {
  column: string;
  min: number | null;
  max: number | null;
  below: number;
  above: number;
  outsideRate: number;
  passed: boolean;
  note?: string;
}

export interface QualityReport {
  rows: number;
  missing: MissingCheck[];
  ranges: RangeCheck[];
  rowCount: { rows: number; minRows: number; passed: boolean } | null;
  schema: SchemaMatch | null;
  /** Every check above passed. */
  passed: boolean;
}

/**
 * Data quality of one dataset against declared expectations: missing rate per column, values
 * outside declared ranges, a minimum row count, and the schema against a declared signature.
 * Bad expectations → ValidationError naming the field.
 */
export function checkQuality(columns: Record<string, ColumnValues>, expectations: QualityExpectations): QualityReport {
  const rows = rowCountOf(columns);
  validate(expectations);
  const missing = Object.entries(columns).map(([column, values]) =>
    missingCheck(column, values, maxRateFor(column, expectations.maxMissingRate)),
  );
  const ranges = Object.entries(expectations.ranges ?? {}).map(([column, range]) =>
    rangeCheck(column, columns[column], range),
  );
  const minRows = expectations.minRows;
  const rowCount = minRows === undefined ? null : { rows, minRows, passed: rows >= minRows };
  const schema = expectations.signature ? checkSchema(columns, expectations.signature) : null;
  const passed =
    missing.every((check) => check.passed) &&
    ranges.every((check) => check.passed) &&
    (rowCount?.passed ?? true) &&
    (schema?.passed ?? true);
  return { rows, missing, ranges, rowCount, schema, passed };
}

function rowCountOf(columns: Record<string, ColumnValues>): number {
  const lengths = new Set(Object.values(columns).map((values) => values.length));
  if (lengths.size > 1) throw new ValidationError(`columns: columns differ in length (${[...lengths].join(', ')})`);
  return lengths.size === 0 ? 0 : [...lengths][0];
}

function missingCheck(column: string, values: ColumnValues, maxRate: number | null): MissingCheck {
  let missing = 0;
  if (values instanceof Float64Array) {
    for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) missing++;
  } else for (const value of values) if (value === null) missing++;
  const rate = values.length === 0 ? 0 : missing / values.length;
  return { column, missing, rate, maxRate, passed: maxRate === null || rate <= maxRate };
}

function rangeCheck(
  column: string,
  values: ColumnValues | undefined,
  range: { min?: number; max?: number },
): RangeCheck {
  const bounds = { min: range.min ?? null, max: range.max ?? null };
  if (!(values instanceof Float64Array)) {
    const note = values === undefined ? 'no such column' : 'not a numeric column';
    return { column, ...bounds, below: 0, above: 0, outsideRate: 0, passed: false, note };
  }
  let below = 0;
  let above = 0;
  let present = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    present++;
    if (bounds.min !== null && value < bounds.min) below++;
    else if (bounds.max !== null && value > bounds.max) above++;
  }
  const outsideRate = present === 0 ? 0 : (below + above) / present;
  return { column, ...bounds, below, above, outsideRate, passed: below + above === 0 };
}

function maxRateFor(column: string, maxMissingRate: QualityExpectations['maxMissingRate']): number | null {
  if (maxMissingRate === undefined) return null;
  if (typeof maxMissingRate === 'number') return maxMissingRate;
  return maxMissingRate[column] ?? null;
}

function validate(expectations: QualityExpectations): void {
  const rates =
    typeof expectations.maxMissingRate === 'number'
      ? [['maxMissingRate', expectations.maxMissingRate] as const]
      : Object.entries(expectations.maxMissingRate ?? {}).map(([c, r]) => [`maxMissingRate.${c}`, r] as const);
  for (const [field, rate] of rates)
    if (!(rate >= 0 && rate <= 1)) throw new ValidationError(`${field}: must be in [0, 1], got ${rate}`);
  for (const [column, { min, max }] of Object.entries(expectations.ranges ?? {})) {
    if ((min !== undefined && !Number.isFinite(min)) || (max !== undefined && !Number.isFinite(max)))
      throw new ValidationError(`ranges.${column}: bounds must be finite numbers`);
    if (min !== undefined && max !== undefined && min > max)
      throw new ValidationError(`ranges.${column}: min ${min} is above max ${max}`);
  }
  const minRows = expectations.minRows;
  if (minRows !== undefined && !(Number.isInteger(minRows) && minRows >= 0))
    throw new ValidationError(`minRows: must be a whole number ≥ 0, got ${minRows}`);
}
