import { exactTwoSidedP } from './ks-exact.domain';
import { kolmogorovSurvival } from './kolmogorov-n.domain';
import { gcd, roundHalfEven } from './special-functions.domain';

/** SciPy's ks_2samp switches method='auto' from exact to asymptotic above this sample size. */
const MAX_EXACT_N = 10000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

/**
 * Two-sided two-sample Kolmogorov–Smirnov test on sorted, finite, non-empty samples, as SciPy's
 * ks_2samp(method='auto'): exact when the larger sample has at most 10,000 values, otherwise the
 * one-sample KS distribution at n = round(m·n/(m+n)); exact falls back to asymptotic when its
 * arithmetic fails, as SciPy's does.
 */
export function ksTwoSample(a: Float64Array, b: Float64Array): KsResult {
  const n1 = a.length;
  const n2 = b.length;
  let d = ksStatistic(a, b);
  if (Math.max(n1, n2) <= MAX_EXACT_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    if (h === 0) return { statistic: d, pValue: 1, method: 'exact' };
    const p = exactTwoSidedP(n1, n2, g, h);
    if (!Number.isNaN(p)) return { statistic: d, pValue: p, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: kolmogorovSurvival(roundHalfEven(en), d), method: 'asymp' };
}

/** sup |F_a − F_b| over the pooled values, with the ECDFs evaluated exactly as SciPy does (i/n). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let max = 0;
  let min = 0;
  while (i < n1 || j < n2) {
    const value = j >= n2 || (i < n1 && a[i] <= b[j]) ? a[i] : b[j];
    while (i < n1 && a[i] <= value) i++;
    while (j < n2 && b[j] <= value) j++;
    const diff = i / n1 - j / n2;
    if (diff > max) max = diff;
    if (diff < min) min = diff;
  }
  return Math.max(Math.min(-min, 1), max);
}
