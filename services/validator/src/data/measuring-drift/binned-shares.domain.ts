import { AlignedCounts, countSortedValues } from './aligned-counts.domain';

/** Evidently bins a numeric column into a histogram only when its reference has more distinct values than this. */
const HISTOGRAM_ABOVE_DISTINCT = 20;

export interface Shares {
  reference: Float64Array;
  current: Float64Array;
}

/**
 * Evidently's get_binned_data: the share of each sample per bin. Numeric columns whose reference
 * has more than 20 distinct values get NumPy's 'sturges' histogram over both samples together;
 * everything else is counted per value. With fillZeroes (PSI), empty bins get a tiny share so
 * the logarithm stays finite, as Evidently does.
 */
export function binnedShares(counts: AlignedCounts, fillZeroes: boolean): Shares {
  const shares = {
    reference: counts.reference.map((count) => count / counts.referenceSize),
    current: counts.current.map((count) => count / counts.currentSize),
  };
  if (fillZeroes) {
    fillEmpty(shares.reference);
    fillEmpty(shares.current);
  }
  return shares;
}

/** The counts Evidently bins for a numeric column (sorted, finite samples). */
export function numericBins(reference: Float64Array, current: Float64Array, referenceDistinct: number): AlignedCounts {
  if (referenceDistinct <= HISTOGRAM_ABOVE_DISTINCT) return countSortedValues(reference, current);
  const edges = sturgesEdges(reference, current);
  return {
    keys: Array.from(edges.subarray(0, edges.length - 1)),
    reference: histogram(reference, edges),
    current: histogram(current, edges),
    referenceSize: reference.length,
    currentSize: current.length,
  };
}

/** np.histogram_bin_edges(concat, bins='sturges'): ceil(range / (range / (log2 n + 1))) equal bins. */
export function sturgesEdges(reference: Float64Array, current: Float64Array): Float64Array {
  let first = Math.min(reference[0], current[0]);
  let last = Math.max(reference[reference.length - 1], current[current.length - 1]);
  const size = reference.length + current.length;
  const width = (last - first) / (Math.log2(size) + 1);
  const bins = width > 0 ? Math.ceil((last - first) / width) : 1;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  // np.linspace: start + i·step, with the last edge set to stop exactly.
  const step = (last - first) / bins;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i < bins; i++) edges[i] = i * step + first;
  edges[bins] = last;
  return edges;
}

/** np.histogram with explicit edges on a sorted sample: [e_i, e_i+1), the last bin closed. */
function histogram(sorted: Float64Array, edges: Float64Array): Float64Array {
  const counts = new Float64Array(edges.length - 1);
  let bin = 0;
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i];
    if (value < edges[0] || value > edges[edges.length - 1]) continue;
    while (bin < counts.length - 1 && value >= edges[bin + 1]) bin++;
    counts[bin]++;
  }
  return counts;
}

function fillEmpty(shares: Float64Array): void {
  let smallest = Infinity;
  for (const share of shares) if (share !== 0 && share < smallest) smallest = share;
  const fill = smallest <= 0.0001 ? smallest / 10 ** 6 : 0.0001;
  for (let i = 0; i < shares.length; i++) if (shares[i] === 0) shares[i] = fill;
}
