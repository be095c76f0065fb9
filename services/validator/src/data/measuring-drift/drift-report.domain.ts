import { ValidationError } from '@ledger/contracts';
import type { CategoryValues } from './aligned-counts.domain';
import { measureCategoricalColumn, measureNumericColumn, DriftDetails } from './column-drift.domain';
import { ColumnType, DRIFT_METHODS, DriftMethod, isDrift, METHOD_RULES } from './drift-methods.domain';

/**
 * A column: numbers as Float64Array (NaN = missing), categories as strings (null = missing) or
 * dictionary-encoded (code 0 = missing).
 */
export type ColumnValues = Float64Array | CategoryValues;
export type Columns = Record<string, ColumnValues>;

/** Evidently's DataDriftPreset options; the most specific setting wins (column, then type, then all). */
export interface DriftOptions {
  driftShare?: number;
  method?: DriftMethod;
  numMethod?: DriftMethod;
  catMethod?: DriftMethod;
  perColumnMethod?: Record<string, DriftMethod>;
  threshold?: number;
  numThreshold?: number;
  catThreshold?: number;
  perColumnThreshold?: Record<string, number>;
}

export interface ColumnDrift {
  column: string;
  type: ColumnType;
  /** null when the column could not be tested (a sample with no values); details.note says why. */
  method: DriftMethod | null;
  score: number | null;
  threshold: number | null;
  drifted: boolean;
  details: DriftDetails;
}

export interface DriftReport {
  columns: ColumnDrift[];
  summary: {
    columns: number;
    testedColumns: number;
    driftedColumns: number;
    /** Drifted / tested columns (0 when none could be tested). */
    shareOfDriftedColumns: number;
    driftShare: number;
    /** Evidently's rule: share of drifted columns ≥ drift_share. */
    datasetDrift: boolean;
  };
}

export const DEFAULT_DRIFT_SHARE = 0.5;

/**
 * Data drift of every reference column between reference and current, Evidently's defaults as
 * the baseline behaviour. Bad options or a current sample missing a column → ValidationError
 * naming the field.
 */
export function measureDrift(reference: Columns, current: Columns, options: DriftOptions = {}): DriftReport {
  validateOptions(options, reference);
  const columns = Object.keys(reference).map((column) =>
    measureColumn(column, reference[column], current[column], options),
  );
  return { columns, summary: summarizeDrift(columns, options.driftShare ?? DEFAULT_DRIFT_SHARE) };
}

/**
 * The dataset verdict over column results, also for callers that measure columns in batches
 * (to bound memory on wide files) and join the batches' columns.
 */
export function summarizeDrift(columns: ColumnDrift[], driftShare = DEFAULT_DRIFT_SHARE): DriftReport['summary'] {
  const tested = columns.filter((column) => column.method !== null).length;
  const drifted = columns.filter((column) => column.drifted).length;
  const share = tested === 0 ? 0 : drifted / tested;
  return {
    columns: columns.length,
    testedColumns: tested,
    driftedColumns: drifted,
    shareOfDriftedColumns: share,
    driftShare,
    datasetDrift: tested > 0 && share >= driftShare,
  };
}

function measureColumn(
  column: string,
  reference: ColumnValues,
  current: ColumnValues | undefined,
  options: DriftOptions,
): ColumnDrift {
  const type: ColumnType = reference instanceof Float64Array ? 'numerical' : 'categorical';
  if (current === undefined) throw new ValidationError(`current.${column}: the current data has no column '${column}'`);
  if (current instanceof Float64Array !== (type === 'numerical'))
    throw new ValidationError(`current.${column}: '${column}' is ${type} in the reference but not in the current data`);
  const requested = requestedMethod(column, type, options);
  const measured =
    type === 'numerical'
      ? measureNumericColumn(reference as Float64Array, current as Float64Array, requested)
      : measureCategoricalColumn(reference as CategoryValues, current as CategoryValues, requested);
  if (measured.method === null || measured.score === null)
    return { column, type, method: null, score: null, threshold: null, drifted: false, details: measured.details };
  const threshold = thresholdFor(column, type, measured.method, options);
  const drifted = isDrift(measured.method, measured.score, threshold);
  return {
    column,
    type,
    method: measured.method,
    score: measured.score,
    threshold,
    drifted,
    details: measured.details,
  };
}

function requestedMethod(column: string, type: ColumnType, options: DriftOptions): DriftMethod | undefined {
  const typeField = type === 'numerical' ? 'numMethod' : 'catMethod';
  const [field, method] =
    options.perColumnMethod?.[column] !== undefined
      ? [`perColumnMethod.${column}`, options.perColumnMethod[column]]
      : options[typeField] !== undefined
        ? [typeField, options[typeField]]
        : ['method', options.method];
  if (method !== undefined && !METHOD_RULES[method].types.includes(type))
    throw new ValidationError(`${field}: method '${method}' does not apply to ${type} column '${column}'`);
  return method;
}

function thresholdFor(column: string, type: ColumnType, method: DriftMethod, options: DriftOptions): number {
  return (
    options.perColumnThreshold?.[column] ??
    (type === 'numerical' ? options.numThreshold : options.catThreshold) ??
    options.threshold ??
    METHOD_RULES[method].defaultThreshold
  );
}

function validateOptions(options: DriftOptions, reference: Columns): void {
  const share = options.driftShare;
  if (share !== undefined && !(share > 0 && share <= 1))
    throw new ValidationError(`driftShare: must be in (0, 1], got ${share}`);
  for (const field of ['method', 'numMethod', 'catMethod'] as const) checkMethod(field, options[field]);
  for (const [column, method] of Object.entries(options.perColumnMethod ?? {})) {
    checkKnownColumn(`perColumnMethod.${column}`, column, reference);
    checkMethod(`perColumnMethod.${column}`, method);
  }
  for (const field of ['threshold', 'numThreshold', 'catThreshold'] as const) checkThreshold(field, options[field]);
  for (const [column, threshold] of Object.entries(options.perColumnThreshold ?? {})) {
    checkKnownColumn(`perColumnThreshold.${column}`, column, reference);
    checkThreshold(`perColumnThreshold.${column}`, threshold);
  }
}

function checkMethod(field: string, method: string | undefined): void {
  if (method !== undefined && !(DRIFT_METHODS as readonly string[]).includes(method))
    throw new ValidationError(`${field}: unknown drift method '${method}' (one of ${DRIFT_METHODS.join(', ')})`);
}

function checkThreshold(field: string, threshold: number | undefined): void {
  if (threshold !== undefined && !(Number.isFinite(threshold) && threshold >= 0))
    throw new ValidationError(`${field}: must be a finite number ≥ 0, got ${threshold}`);
}

function checkKnownColumn(field: string, column: string, reference: Columns): void {
  if (!(column in reference)) throw new ValidationError(`${field}: no column '${column}' in the reference data`);
}
