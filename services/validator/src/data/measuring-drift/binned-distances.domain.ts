import { Shares } from './binned-shares.domain';

/**
 * SciPy's distance.jensenshannon(p, q) in natural log, as Evidently calls it: both vectors are
 * renormalised, then sqrt((KL(p‖m) + KL(q‖m)) / 2) with m the midpoint.
 */
export function jensenShannonDistance({ reference, current }: Shares): number {
  const p = normalised(reference);
  const q = normalised(current);
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    divergence += relativeEntropy(p[i], m) + relativeEntropy(q[i], m);
  }
  return Math.sqrt(Math.max(divergence / 2, 0));
}

/** Evidently's PSI: Σ (ref − cur) · ln(ref / cur) over bins whose empty shares were filled. */
export function populationStabilityIndex({ reference, current }: Shares): number {
  let psi = 0;
  for (let i = 0; i < reference.length; i++) psi += (reference[i] - current[i]) * Math.log(reference[i] / current[i]);
  return psi;
}

function normalised(values: Float64Array): Float64Array {
  let sum = 0;
  for (const value of values) sum += value;
  return values.map((value) => value / sum);
}

/** scipy.special.rel_entr: x·ln(x/y), 0 when x is 0. */
function relativeEntropy(x: number, y: number): number {
  return x > 0 && y > 0 ? x * Math.log(x / y) : 0;
}
