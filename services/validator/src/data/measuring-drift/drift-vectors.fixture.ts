import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** fixtures/stats/drift-vectors.json, written by fixtures/stats/make_vectors.py with SciPy. */
type Sample = (number | string | null)[] | { runs: [number | string | null, number][] };

export interface DriftVectorCase {
  name: string;
  type: 'numerical' | 'categorical';
  /** A list, or runs of [value, count] for long samples with many ties (every statistic ignores order). */
  reference: Sample;
  current: Sample;
  expected: Record<string, number | string | null>;
}

export interface DriftVectors {
  scipy: string;
  numeric: DriftVectorCase[];
  categorical: DriftVectorCase[];
  kolmogorov: { n: number; x: number; sf: number; smirnov: number }[];
  stability: {
    folds: number[];
    mean: number;
    std: number;
    sampleStd: number | null;
    range: number;
    coefficientOfVariation: number | null;
  }[];
  sliceGap: {
    metric: 'accuracy' | 'mae';
    labels: (number | null)[];
    predictions: (number | null)[];
    slices: string[];
    overall: number;
    perSlice: Record<string, { metric: number; rows: number }>;
  }[];
}

export const driftVectors: DriftVectors = JSON.parse(
  readFileSync(join(__dirname, '../../../../../fixtures/stats/drift-vectors.json'), 'utf8'),
);

/** JSON numbers back to a column: null is NaN (missing), "inf"/"-inf" are infinities. */
export function numericColumn(sample: Sample): Float64Array {
  return Float64Array.from(expand(sample), (value) =>
    value === null ? NaN : value === 'inf' ? Infinity : value === '-inf' ? -Infinity : Number(value),
  );
}

export function categoricalColumn(sample: Sample): (string | null)[] {
  return expand(sample).map((value) => (value === null ? null : String(value)));
}

function expand(sample: Sample): (number | string | null)[] {
  if (Array.isArray(sample)) return sample;
  return sample.runs.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}
