/** The drift tests Evidently names, under Evidently's names. */
export const DRIFT_METHODS = ['ks', 'wasserstein', 'chisquare', 'z', 'jensenshannon', 'psi'] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];
export type ColumnType = 'numerical' | 'categorical';

/** p-value tests flag drift below the threshold; distances at or above it. */
export const METHOD_RULES: Record<
  DriftMethod,
  { defaultThreshold: number; kind: 'p_value' | 'distance'; types: ColumnType[] }
> = {
  ks: { defaultThreshold: 0.05, kind: 'p_value', types: ['numerical'] },
  wasserstein: { defaultThreshold: 0.1, kind: 'distance', types: ['numerical'] },
  chisquare: { defaultThreshold: 0.05, kind: 'p_value', types: ['categorical'] },
  z: { defaultThreshold: 0.05, kind: 'p_value', types: ['categorical'] },
  jensenshannon: { defaultThreshold: 0.1, kind: 'distance', types: ['numerical', 'categorical'] },
  psi: { defaultThreshold: 0.1, kind: 'distance', types: ['numerical', 'categorical'] },
};

/** Evidently switches from p-value tests to distances when the reference has more rows than this. */
const SMALL_REFERENCE_ROWS = 1000;
/** A numeric column with at most this many distinct values (both samples together) is tested as categories. */
const FEW_DISTINCT = 5;

/**
 * Evidently's _get_default_stattest, on the samples left after dropping missing values: up to
 * 1,000 reference rows, KS for numbers with more than 5 distinct values, else chi-square (more
 * than 2 values) or the two-proportion z-test (at most 2); above 1,000, the normalised
 * Wasserstein distance for numbers with more than 5 distinct values, else Jensen–Shannon.
 */
export function defaultMethod(type: ColumnType, referenceRows: number, distinctValues: number): DriftMethod {
  const numeric = type === 'numerical' && distinctValues > FEW_DISTINCT;
  if (referenceRows <= SMALL_REFERENCE_ROWS) {
    if (numeric) return 'ks';
    return distinctValues > 2 ? 'chisquare' : 'z';
  }
  return numeric ? 'wasserstein' : 'jensenshannon';
}

/**
 * Drift is flagged as Evidently does: KS when p ≤ threshold, chi-square and z when p < threshold,
 * distances when ≥ threshold.
 */
export function isDrift(method: DriftMethod, score: number, threshold: number): boolean {
  if (method === 'ks') return score <= threshold;
  return METHOD_RULES[method].kind === 'p_value' ? score < threshold : score >= threshold;
}
