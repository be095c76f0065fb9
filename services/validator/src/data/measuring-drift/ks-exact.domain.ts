/**
 * Exact two-sided p-values of the two-sample Kolmogorov–Smirnov statistic, the way SciPy's
 * ks_2samp computes them (method 'exact'): counting lattice paths from (0, 0) to (m, n) that leave
 * the band |x/m − y/n| < h/lcm(m, n). Returns NaN when the arithmetic could not be trusted, which
 * sends the caller to the asymptotic distribution, as SciPy does.
 */
export function exactTwoSidedP(n1: number, n2: number, g: number, h: number): number {
  const p = n1 === n2 ? outsideSquare(n1, h) : outsideBand(n1, n2, g, h);
  return Number.isFinite(p) && p >= 0 && p <= 1 ? p : NaN;
}

/** Equal sizes: the reflection formula (Hodges), alternating over the number of crossings. */
function outsideSquare(n: number, h: number): number {
  let total = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let term = 1;
    for (let j = 0; j < h; j++) term = ((n - k * h - j) * term) / (n + k * h + j + 1);
    total = term * (1 - total);
  }
  return 2 * total;
}

/**
 * Unequal sizes: one column of the path-count table at a time, holding 1 − (share of paths still
 * inside) so small p-values keep their precision (Viehmann 2021), over a sliding window of rows.
 */
function outsideBand(first: number, second: number, g: number, h: number): number {
  const m = Math.max(first, second);
  const n = Math.min(first, second);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const column = new Float64Array(Math.min(2 * maxj + 2, n + 1)).fill(1);
  column.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let value = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      value = (column[jj + minj - lastminj] * i + value * j) / (i + j);
      column[jj] = value;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) column.fill(1, curlen, curlen + (lastlen - curlen));
  }
  return column[maxj - minj - 1];
}
