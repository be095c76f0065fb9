/** Evidently's floor on the reference standard deviation, so a constant reference does not divide by zero. */
const MIN_NORM = 0.001;

/**
 * Evidently's normalised Wasserstein distance: SciPy's wasserstein_distance(u, v) (the area
 * between the two ECDFs) divided by max(std(reference), 0.001), population std (ddof 0).
 */
export function normalisedWasserstein(reference: Float64Array, current: Float64Array): number {
  return wassersteinDistance(reference, current) / Math.max(populationStd(reference), MIN_NORM);
}

/**
 * ∫|U(x) − V(x)| dx over two sorted samples, one merge step per value: between consecutive
 * pooled values both ECDFs are flat, and a tie adds a zero-width step.
 */
export function wassersteinDistance(u: Float64Array, v: Float64Array): number {
  const [n, m] = [u.length, v.length];
  let i = 0;
  let j = 0;
  let previous = u[0] <= v[0] ? u[0] : v[0];
  let area = 0;
  while (i < n || j < m) {
    const fromU = j >= m || (i < n && u[i] <= v[j]);
    const value = fromU ? u[i] : v[j];
    area += Math.abs(i / n - j / m) * (value - previous);
    if (fromU) i++;
    else j++;
    previous = value;
  }
  return area;
}

/** NumPy's np.std (ddof 0), two-pass for accuracy. */
export function populationStd(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return Math.sqrt(squares / values.length);
}
