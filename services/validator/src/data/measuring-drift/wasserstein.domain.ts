/** Evidently's floor on the reference standard deviation, so a constant reference does not divide by zero. */
const MIN_NORM = 0.001;

/**
 * Evidently's normalised Wasserstein distance: SciPy's wasserstein_distance(u, v) (the area
 * between the two ECDFs) divided by max(std(reference), 0.001), population std (ddof 0).
 */
export function normalisedWasserstein(reference: Float64Array, current: Float64Array): number {
  return wassersteinDistance(reference, current) / Math.max(populationStd(reference), MIN_NORM);
}

/** ∫|U(x) − V(x)| dx over two sorted samples, by one merge walk. */
export function wassersteinDistance(u: Float64Array, v: Float64Array): number {
  let i = 0;
  let j = 0;
  let previous = u[0] <= v[0] ? u[0] : v[0];
  let area = 0;
  while (i < u.length || j < v.length) {
    const value = j >= v.length || (i < u.length && u[i] <= v[j]) ? u[i] : v[j];
    area += Math.abs(i / u.length - j / v.length) * (value - previous);
    while (i < u.length && u[i] === value) i++;
    while (j < v.length && v[j] === value) j++;
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
