import { AlignedCounts } from './aligned-counts.domain';
import { chiSquareSurvival, normalTwoSided } from './special-functions.domain';

export interface PValueResult {
  statistic: number;
  pValue: number;
  note?: string;
}

/**
 * Evidently's chi-square test: SciPy's chisquare(f_obs = current counts, f_exp = reference
 * counts scaled to the current size), k − 1 degrees of freedom. A category the reference never
 * had has an expected count of 0: SciPy's statistic is then infinite and p is 0 (drift), which
 * is the stated result here too. One category in all gives no test (0 degrees of freedom): p = 1.
 */
export function chiSquareTest(counts: AlignedCounts): PValueResult {
  if (counts.keys.length < 2) return { statistic: 0, pValue: 1, note: 'single category: nothing to compare' };
  const scale = counts.currentSize / counts.referenceSize;
  let statistic = 0;
  for (let i = 0; i < counts.keys.length; i++) {
    const expected = counts.reference[i] * scale;
    const observed = counts.current[i];
    // Every key was seen in one sample at least, so expected 0 means observed > 0.
    statistic += expected === 0 ? Infinity : (observed - expected) ** 2 / expected;
  }
  return { statistic, pValue: chiSquareSurvival(statistic, counts.keys.length - 1) };
}

/**
 * Evidently's two-proportion z-test for at most two values: the share of "not the first value
 * (sorted)" in each sample, pooled variance, two-sided p. Both samples holding the same single
 * value → p = 1, as Evidently special-cases.
 */
export function proportionZTest(counts: AlignedCounts): PValueResult {
  if (counts.keys.length < 2) return { statistic: 0, pValue: 1, note: 'one value in both samples' };
  const first = sortedFirstIndex(counts.keys);
  const n1 = counts.referenceSize;
  const n2 = counts.currentSize;
  const p1 = (n1 - counts.reference[first]) / n1;
  const p2 = (n2 - counts.current[first]) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: normalTwoSided(z) };
}

/** Python's sorted() order: numbers numerically, strings by code point. */
function sortedFirstIndex(keys: (string | number)[]): number {
  let best = 0;
  for (let i = 1; i < keys.length; i++) if (pythonLess(keys[i], keys[best])) best = i;
  return best;
}

function pythonLess(a: string | number, b: string | number): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  return comparePoints(String(a), String(b)) < 0;
}

/** Code-point order (Python's), not UTF-16 order (JS's <): they differ for astral characters. */
function comparePoints(x: string, y: string): number {
  const a = [...x];
  const b = [...y];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const diff = a[i].codePointAt(0)! - b[i].codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}
