import { clip01, logBinomial } from './special-functions.domain';
import { durbinCdf } from './kolmogorov-durbin.domain';
import { pelzGoodCdf } from './kolmogorov-pelz-good.domain';

const LOG_2PI = Math.log(2 * Math.PI);
/** Stirling series coefficients for ln(n!/nⁿ), highest power first (B₂ₖ / (2k(2k−1))). */
const STIRLING = [-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12];

/**
 * P(D_n ≥ x) for the two-sided one-sample KS statistic: SciPy's kstwo.sf, which ks_2samp's
 * asymptotic mode evaluates at n = round(m·n/(m+n)). The same case split as SciPy (Simard &
 * L'Ecuyer 2011); where SciPy uses Pomeranz's recursion (n ≤ 140, 0.754693 < n·x² ≤ 4) this uses
 * the Durbin matrix, which is exact too, so the values agree to rounding.
 */
export function kolmogorovSurvival(n: number, x: number): number {
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) return t <= 0.5 ? 1 : clip01(1 - rubenGambinoCdf(n, t));
  if (t >= n - 1) return clip01(2 * Math.pow(1 - x, n));
  if (x >= 0.5) return clip01(2 * smirnovSurvival(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 4) return clip01(1 - durbinCdf(n, x));
    return clip01(2 * smirnovSurvival(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip01(2 * smirnovSurvival(n, x));
  const cdf = n <= 100000 && n * Math.pow(x, 1.5) <= 1.4 ? durbinCdf(n, x) : pelzGoodCdf(n, x);
  return clip01(1 - cdf);
}

function rubenGambinoCdf(n: number, t: number): number {
  if (n <= 140) {
    let product = 1;
    for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
    return product;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

/** ln(n! / nⁿ) by Stirling's series. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/**
 * One-sided P(D⁺_n ≥ x), exact (Birnbaum & Tingey 1951), summed in logs so large n neither
 * overflows nor underflows: x · Σ_j C(n,j) (x + j/n)^(j−1) (1 − x − j/n)^(n−j).
 */
export function smirnovSurvival(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x));
  let sum = 0;
  for (let j = 0; j <= last; j++) {
    const rest = 1 - x - j / n;
    if (rest <= 0 && j < n) continue;
    const logTerm = logBinomial(n, j) + (j - 1) * Math.log(x + j / n) + (n - j === 0 ? 0 : (n - j) * Math.log(rest));
    sum += Math.exp(logTerm);
  }
  return clip01(x * sum);
}
