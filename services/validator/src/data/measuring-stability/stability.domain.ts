import { ValidationError } from '@ledger/contracts';

export interface StabilityReport {
  folds: number;
  mean: number;
  /** Population standard deviation (NumPy's np.std, ddof 0), the spread of these folds themselves. */
  std: number;
  /** Sample standard deviation (ddof 1), for readers who estimate the spread of unseen folds. */
  sampleStd: number | null;
  min: number;
  max: number;
  range: number;
  /** std / |mean|; null when the mean is 0 (no meaningful ratio). */
  coefficientOfVariation: number | null;
}

/** Spread of cross-validation fold metrics supplied with a version. A missing or non-finite fold → 400. */
export function measureStability(foldMetrics: readonly number[], field = 'foldMetrics'): StabilityReport {
  if (foldMetrics.length === 0) throw new ValidationError(`${field}: needs at least one fold metric`);
  foldMetrics.forEach((value, at) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new ValidationError(`${field}[${at}]: must be a finite number, got ${String(value)}`);
  });
  const folds = foldMetrics.length;
  const mean = foldMetrics.reduce((sum, value) => sum + value, 0) / folds;
  const squares = foldMetrics.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  const std = Math.sqrt(squares / folds);
  const min = Math.min(...foldMetrics);
  const max = Math.max(...foldMetrics);
  return {
    folds,
    mean,
    std,
    sampleStd: folds > 1 ? Math.sqrt(squares / (folds - 1)) : null,
    min,
    max,
    range: max - min,
    coefficientOfVariation: mean === 0 ? null : std / Math.abs(mean),
  };
}
