/** Below this size the built-in typed-array sort beats the radix sort's fixed cost. */
const RADIX_FROM = 4096;
const DIGIT_BITS = 11;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;

/**
 * The finite values of a numeric column in ascending order. NaN (missing) and ±Infinity are
 * dropped, as Evidently does before any test (it replaces ±inf by NaN, then drops NaN).
 */
export function sortedFinite(values: Float64Array): Float64Array {
  const kept = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // v - v is 0 only for finite numbers (NaN and ±Infinity give NaN).
    if (value - value === 0) kept[n++] = value;
  }
  const finite = kept.subarray(0, n);
  return n < RADIX_FROM ? finite.sort() : radixSorted(finite);
}

/**
 * LSD radix sort on the IEEE-754 bits (six 11-bit digits, small enough to stay in cache): a million values sort in a few tens
 * of milliseconds, several times faster than a comparison sort, which matters at 50 columns.
 * Assumes a little-endian host (every platform Node ships for).
 */
function radixSorted(values: Float64Array): Float64Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const low = words[2 * i];
    const high = words[2 * i + 1];
    // Negative numbers: flip every bit; positive: flip the sign bit. Then unsigned order = numeric order.
    const negative = (high & 0x80000000) !== 0;
    lo[i] = negative ? ~low >>> 0 : low;
    hi[i] = negative ? ~high >>> 0 : (high | 0x80000000) >>> 0;
  }
  let loNext = new Uint32Array(n);
  let hiNext = new Uint32Array(n);
  const counts = new Uint32Array(DIGIT_MASK + 1);
  for (let pass = 0; pass < 6; pass++) {
    const keys = pass < 3 ? lo : hi;
    const shift = (pass % 3) * DIGIT_BITS;
    if (!bucketOffsets(keys, shift, counts)) continue;
    for (let i = 0; i < n; i++) {
      const at = counts[(keys[i] >>> shift) & DIGIT_MASK]++;
      loNext[at] = lo[i];
      hiNext[at] = hi[i];
    }
    [lo, loNext] = [loNext, lo];
    [hi, hiNext] = [hiNext, hi];
  }
  return fromSortableBits(lo, hi);
}

/** Fills counts with each digit's first slot; false when one digit holds every key (nothing to move). */
function bucketOffsets(keys: Uint32Array, shift: number, counts: Uint32Array): boolean {
  counts.fill(0);
  for (let i = 0; i < keys.length; i++) counts[(keys[i] >>> shift) & DIGIT_MASK]++;
  let sum = 0;
  for (let digit = 0; digit <= DIGIT_MASK; digit++) {
    const count = counts[digit];
    if (count === keys.length) return false;
    counts[digit] = sum;
    sum += count;
  }
  return true;
}

function fromSortableBits(lo: Uint32Array, hi: Uint32Array): Float64Array {
  const out = new Float64Array(lo.length);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < lo.length; i++) {
    const negative = (hi[i] & 0x80000000) === 0;
    words[2 * i] = negative ? ~lo[i] >>> 0 : lo[i];
    words[2 * i + 1] = negative ? ~hi[i] >>> 0 : (hi[i] & 0x7fffffff) >>> 0;
  }
  return out;
}

/** How many distinct values a sorted array holds. */
export function countDistinctSorted(sorted: Float64Array): number {
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

/** How many distinct values two sorted arrays hold together (pandas' nunique of their concatenation). */
export function countDistinctMerged(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  let last = NaN;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (next !== last) distinct++;
    last = next;
  }
  return distinct;
}
