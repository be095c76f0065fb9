import { ValidationError } from '@ledger/contracts';

/** Labels or predictions: numbers (NaN = missing) or classes as strings (null = missing). */
export type Outcomes = Float64Array | (string | null)[];
/** accuracy for classifiers (higher is better), mae for regressors (lower is better). */
export type SliceMetric = 'accuracy' | 'mae';

export interface SliceGapInput {
  labels: Outcomes;
  predictions: Outcomes;
  /** The categorical column to slice by; null is its own slice. */
  slices: (string | null)[];
  metric: SliceMetric;
  /** Slices with fewer scored rows are listed but not judged. Default 30. */
  minSliceSize?: number;
}

export interface Slice {
  value: string | null;
  rows: number;
  metric: number;
  /** How much worse than overall: overall − slice for accuracy, slice − overall for MAE. */
  gap: number;
  judged: boolean;
}

export interface SliceGapReport {
  metric: SliceMetric;
  rows: number;
  overall: number | null;
  slices: Slice[];
  /** The judged slice farthest below overall, or null when no slice has enough rows. */
  worst: Slice | null;
  largestGap: number | null;
  minSliceSize: number;
}

export const DEFAULT_MIN_SLICE_SIZE = 30;

/**
 * The metric on each value of a categorical column against the metric overall (bias by slice).
 * Rows whose label or prediction is missing are not scored.
 */
export function measureSliceGap(input: SliceGapInput): SliceGapReport {
  const minSliceSize = input.minSliceSize ?? DEFAULT_MIN_SLICE_SIZE;
  validate(input, minSliceSize);
  const loss = rowLoss(input);
  const totals = new Map<string | null, { rows: number; sum: number }>();
  let rows = 0;
  let sum = 0;
  for (let i = 0; i < input.slices.length; i++) {
    const value = loss(i);
    if (value === null) continue;
    rows++;
    sum += value;
    const total = totals.get(input.slices[i]) ?? { rows: 0, sum: 0 };
    total.rows++;
    total.sum += value;
    totals.set(input.slices[i], total);
  }
  const overall = rows === 0 ? null : score(input.metric, sum / rows);
  const slices = [...totals.entries()].map(([value, total]) => {
    const metric = score(input.metric, total.sum / total.rows);
    const gap = overall === null ? 0 : input.metric === 'accuracy' ? overall - metric : metric - overall;
    return { value, rows: total.rows, metric, gap, judged: total.rows >= minSliceSize };
  });
  const worst = slices
    .filter((slice) => slice.judged)
    .reduce<Slice | null>((a, b) => (a && a.gap >= b.gap ? a : b), null);
  return { metric: input.metric, rows, overall, slices, worst, largestGap: worst?.gap ?? null, minSliceSize };
}

/** Per row: 1 − correct (accuracy) or |error| (MAE); null when the row cannot be scored. */
function rowLoss({ labels, predictions, metric }: SliceGapInput): (row: number) => number | null {
  if (metric === 'mae') {
    const [y, p] = [labels as Float64Array, predictions as Float64Array];
    return (i) => (Number.isNaN(y[i]) || Number.isNaN(p[i]) ? null : Math.abs(y[i] - p[i]));
  }
  return (i) => {
    const [y, p] = [labels[i], predictions[i]];
    if (y === null || p === null || (typeof y === 'number' && Number.isNaN(y))) return null;
    if (typeof p === 'number' && Number.isNaN(p)) return null;
    return String(y) === String(p) ? 0 : 1;
  };
}

function score(metric: SliceMetric, meanLoss: number): number {
  return metric === 'accuracy' ? 1 - meanLoss : meanLoss;
}

function validate(input: SliceGapInput, minSliceSize: number): void {
  if (input.metric !== 'accuracy' && input.metric !== 'mae')
    throw new ValidationError(`metric: must be accuracy or mae, got '${String(input.metric)}'`);
  if (input.metric === 'mae' && !(input.labels instanceof Float64Array && input.predictions instanceof Float64Array))
    throw new ValidationError('labels: MAE needs numeric labels and predictions');
  const n = input.slices.length;
  if (input.labels.length !== n || input.predictions.length !== n)
    throw new ValidationError(`slices: labels, predictions and slices differ in length`);
  if (!(Number.isInteger(minSliceSize) && minSliceSize >= 1))
    throw new ValidationError(`minSliceSize: must be a whole number ≥ 1, got ${minSliceSize}`);
}
