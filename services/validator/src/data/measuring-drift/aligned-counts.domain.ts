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

/**
 * Categories already dictionary-encoded (as a columnar reader hands them over): code 0 is
 * missing, code k is labels[k − 1]. Counting codes avoids a string per row.
 */
export interface CodedCategories {
  codes: Uint32Array;
  labels: string[];
}

export type CategoryValues = (string | null)[] | CodedCategories;

/** Category counts of two categorical columns; missing values are not counted. */
export function countCategories(reference: CategoryValues, current: CategoryValues): AlignedCounts {
  const index = new Map<string, number>();
  const referenceCounts: number[] = [];
  const currentCounts: number[] = [];
  const add = (label: string, count: number, own: number[], other: number[]) => {
    let at = index.get(label);
    if (at === undefined) {
      at = index.size;
      index.set(label, at);
      own.push(0);
      other.push(0);
    }
    own[at] += count;
  };
  const tally = (values: CategoryValues, own: number[], other: number[]): number => {
    const counts = Array.isArray(values) ? stringCounts(values) : codeCounts(values);
    let size = 0;
    for (const [label, count] of counts) {
      add(label, count, own, other);
      size += count;
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

function stringCounts(values: (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function codeCounts({ codes, labels }: CodedCategories): Map<string, number> {
  const histogram = new Float64Array(labels.length + 1);
  for (let i = 0; i < codes.length; i++) histogram[codes[i]]++;
  const counts = new Map<string, number>();
  labels.forEach((label, at) => {
    if (histogram[at + 1] > 0) counts.set(label, (counts.get(label) ?? 0) + histogram[at + 1]);
  });
  return counts;
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
