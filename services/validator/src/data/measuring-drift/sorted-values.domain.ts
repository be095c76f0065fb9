/** Below this size the built-in typed-array sort beats the radix sort's fixed cost. */
const RADIX_FROM = 4096;

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
 * LSD radix sort on the IEEE-754 bits, four 16-bit digits, all four histograms counted in one
 * read; each pass moves the doubles themselves (one write stream per bucket, not two). Several
 * times faster than a comparison sort at a million values, which matters at 50 columns. Assumes a
 * little-endian host (every platform Node ships for). Sorts the given array's contents.
 */
function radixSorted(values: Float64Array): Float64Array {
  const n = values.length;
  let source: Float64Array = values;
  let target: Float64Array = new Float64Array(n);
  const histograms = digitHistograms(new Uint32Array(source.buffer, source.byteOffset, n * 2));
  for (let pass = 0; pass < 4; pass++) {
    const offsets = histograms.subarray(pass * BUCKETS, (pass + 1) * BUCKETS);
    if (!toOffsets(offsets, n)) continue;
    const words = new Uint32Array(source.buffer, source.byteOffset, n * 2);
    const high = pass >= 2 ? 1 : 0;
    const shift = (pass % 2) * 16;
    for (let i = 0; i < n; i++) {
      const key = sortable(words[2 * i + high], words[2 * i + 1], high);
      target[offsets[(key >>> shift) & 0xffff]++] = source[i];
    }
    [source, target] = [target, source];
  }
  return source;
}

const BUCKETS = 65536;

/** The word as an unsigned number whose order is the doubles' order: negatives flip every bit, positives the sign. */
function sortable(word: number, highWord: number, isHigh: number): number {
  if (highWord & 0x80000000) return ~word >>> 0;
  return isHigh ? (word | 0x80000000) >>> 0 : word;
}

function digitHistograms(words: Uint32Array): Uint32Array {
  const histograms = new Uint32Array(4 * BUCKETS);
  for (let i = 0; i < words.length; i += 2) {
    const high = words[i + 1];
    const negative = (high & 0x80000000) !== 0;
    const lo = negative ? ~words[i] >>> 0 : words[i];
    const hi = negative ? ~high >>> 0 : (high | 0x80000000) >>> 0;
    histograms[lo & 0xffff]++;
    histograms[BUCKETS + (lo >>> 16)]++;
    histograms[2 * BUCKETS + (hi & 0xffff)]++;
    histograms[3 * BUCKETS + (hi >>> 16)]++;
  }
  return histograms;
}

/** Counts → each digit's first slot; false when one digit holds every key (the pass would move nothing). */
function toOffsets(counts: Uint32Array, n: number): boolean {
  let sum = 0;
  for (let digit = 0; digit < counts.length; digit++) {
    const count = counts[digit];
    if (count === n) return false;
    counts[digit] = sum;
    sum += count;
  }
  return true;
}

/** How many distinct values a sorted array holds, counting stopped once above `limit`. */
export function countDistinctSorted(sorted: Float64Array, limit = Infinity): number {
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length && distinct <= limit; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  return distinct;
}

/**
 * How many distinct values two sorted arrays hold together (pandas' nunique of their
 * concatenation), counting stopped once above `limit`: the choice of test only asks "more than
 * 2, 5 or 20?", and a full count would be one more pass over every row.
 */
export function countDistinctMerged(a: Float64Array, b: Float64Array, limit = Infinity): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  let last = NaN;
  while ((i < a.length || j < b.length) && distinct <= limit) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (next !== last) distinct++;
    last = next;
  }
  return distinct;
}
