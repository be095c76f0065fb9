/**
 * Counts of each value seen in either sample, aligned on the union of values (Evidently's
 * `keys`), with the sample sizes after missing values were dropped.
 */
export interface AlignedCounts {
  keys: (string | number)[];
  reference: Float64Array;
  current: Float64Array;
  referenceSize: number;
  currentSize: number;
}

/** Category counts of two string columns; null is missing and not counted. */
export function countCategories(reference: (string | null)[], current: (string | null)[]): AlignedCounts {
  const index = new Map<string, number>();
  const referenceCounts: number[] = [];
  const currentCounts: number[] = [];
  const tally = (values: (string | null)[], own: number[], other: number[]): number => {
    let size = 0;
    for (const value of values) {
      if (value === null) continue;
      size++;
      let at = index.get(value);
      if (at === undefined) {
        at = index.size;
        index.set(value, at);
        own.push(0);
        other.push(0);
      }
      own[at]++;
    }
    return size;
  };
  const referenceSize = tally(reference, referenceCounts, currentCounts);
  const currentSize = tally(current, currentCounts, referenceCounts);
  return {
    keys: [...index.keys()],
    reference: Float64Array.from(referenceCounts),
    current: Float64Array.from(currentCounts),
    referenceSize,
    currentSize,
  };
}

/** Value counts of two sorted numeric samples, by a merge walk (no per-value objects). */
export function countSortedValues(reference: Float64Array, current: Float64Array): AlignedCounts {
  const keys: number[] = [];
  const referenceCounts: number[] = [];
  const currentCounts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < reference.length || j < current.length) {
    const value =
      j >= current.length || (i < reference.length && reference[i] <= current[j]) ? reference[i] : current[j];
    const fromI = i;
    const fromJ = j;
    while (i < reference.length && reference[i] === value) i++;
    while (j < current.length && current[j] === value) j++;
    keys.push(value);
    referenceCounts.push(i - fromI);
    currentCounts.push(j - fromJ);
  }
  return {
    keys,
    reference: Float64Array.from(referenceCounts),
    current: Float64Array.from(currentCounts),
    referenceSize: reference.length,
    currentSize: current.length,
  };
}

/** Values present in the current sample but never in the reference (named in the report). */
export function unseenInReference(counts: AlignedCounts): (string | number)[] {
  return counts.keys.filter((_, at) => counts.reference[at] === 0 && counts.current[at] > 0);
}
