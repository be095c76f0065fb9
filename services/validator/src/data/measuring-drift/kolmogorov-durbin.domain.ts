const SCALE_EXPONENT = 128;
const BIG = Math.pow(2, SCALE_EXPONENT);
const SMALL = Math.pow(2, -SCALE_EXPONENT);

/**
 * P(D_n < d) by the Durbin matrix method (Durbin 1968; Marsaglia, Tsang & Wang 2003): the
 * (k,k) entry of Hⁿ times n!/nⁿ, with powers of two split off so nothing overflows.
 */
export function durbinCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const m = 2 * k - 1;
  let base = durbinMatrix(k, k - nd, m);
  let power = identity(m);
  let exponent = 0;
  let baseExponent = 0;
  for (let left = n; left > 0; left = Math.floor(left / 2)) {
    if (left % 2 === 1) {
      power = multiply(power, base, m);
      exponent += baseExponent;
    }
    base = multiply(base, base, m);
    baseExponent *= 2;
    if (Math.abs(base[(k - 1) * m + (k - 1)]) > BIG) {
      for (let i = 0; i < base.length; i++) base[i] /= BIG;
      baseExponent += SCALE_EXPONENT;
    }
  }
  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SMALL) {
      p *= BIG;
      exponent -= SCALE_EXPONENT;
    }
  }
  return exponent !== 0 ? p * Math.pow(2, exponent) : p;
}

function durbinMatrix(k: number, h: number, m: number): Float64Array {
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - Math.pow(h, j)) * factorial;
  }
  v[m - 1] = (1 + Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m)) * factorial;
  const matrix = new Float64Array(m * m);
  for (let col = 1; col < m; col++) for (let row = col - 1; row < m; row++) matrix[row * m + col] = w[row - col + 1];
  for (let row = 0; row < m; row++) matrix[row * m] = v[row];
  for (let col = 0; col < m; col++) matrix[(m - 1) * m + col] = v[m - 1 - col];
  return matrix;
}

function identity(m: number): Float64Array {
  const matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) matrix[i * m + i] = 1;
  return matrix;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += ail * b[l * m + j];
    }
  return out;
}
