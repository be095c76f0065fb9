import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln C(n, k). */
export function logBinomial(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** P(X > x) for X ~ χ²(dof); an infinite statistic (an expected count of zero) gives 0, as SciPy does. */
export function chiSquareSurvival(x: number, dof: number): number {
  if (x === Infinity) return 0;
  return clip01(1 - chisquareCdf(x, dof));
}

/** Two-sided normal tail P(|Z| > |z|), through χ²(1) = Z², so no separate erf is needed. */
export function normalTwoSided(z: number): number {
  return chiSquareSurvival(z * z, 1);
}

export function clip01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** NumPy's np.round: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
