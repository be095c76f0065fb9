import { ValidationError } from '@ledger/contracts';

/** scikit-learn's regression metrics; r2 is null for a single row, where it is undefined. */
export interface RegressionMetrics {
  readonly rmse: number;
  readonly mae: number;
  readonly r2: number | null;
}

/**
 * RMSE, MAE and R² as sklearn computes them. A constant target has no variance to explain:
 * R² is then 1 for perfect predictions and 0 otherwise (sklearn's force_finite default).
 */
export function regressionMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  checkInputs(actual, predicted);
  const n = actual.length;
  let sumActual = 0;
  let squared = 0;
  let absolute = 0;
  for (let i = 0; i < n; i++) {
    const error = actual[i] - predicted[i];
    sumActual += actual[i];
    squared += error * error;
    absolute += Math.abs(error);
  }
  const mean = sumActual / n;
  let total = 0;
  for (let i = 0; i < n; i++) total += (actual[i] - mean) ** 2;
  return { rmse: Math.sqrt(squared / n), mae: absolute / n, r2: n < 2 ? null : rSquared(squared, total) };
}

function rSquared(residual: number, total: number): number {
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}

function checkInputs(actual: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (actual.length === 0) throw new ValidationError('no rows to compute regression metrics on');
  if (actual.length !== predicted.length) {
    throw new ValidationError(`${actual.length} actual values but ${predicted.length} predictions`);
  }
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(actual[i])) throw new ValidationError(`actual value of row ${i} is ${actual[i]}`);
    if (!Number.isFinite(predicted[i])) throw new ValidationError(`prediction of row ${i} is ${predicted[i]}`);
  }
}
