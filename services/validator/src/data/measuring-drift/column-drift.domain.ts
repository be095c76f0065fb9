import {
  AlignedCounts,
  CategoryValues,
  countCategories,
  countSortedValues,
  unseenInReference,
} from './aligned-counts.domain';
import { jensenShannonDistance, populationStabilityIndex } from './binned-distances.domain';
import { binnedShares, numericBins } from './binned-shares.domain';
import { chiSquareTest, proportionZTest } from './category-tests.domain';
import { defaultMethod, DriftMethod } from './drift-methods.domain';
import { ksTwoSample } from './ks-two-sample.domain';
import { countDistinctMerged, countDistinctSorted, sortedFinite } from './sorted-values.domain';
import { normalisedWasserstein } from './wasserstein.domain';

/** What the report says about one column besides its score. */
export interface DriftDetails {
  referenceRows: number;
  currentRows: number;
  referenceMissing: number;
  currentMissing: number;
  /** Distinct non-missing values in both samples together; for numbers counted up to 21 (more reads 21). */
  distinctValues: number;
  statistic?: number;
  ksMethod?: 'exact' | 'asymp';
  unseenCategories?: (string | number)[];
  unseenCategoryCount?: number;
  note?: string;
}

export interface MeasuredColumn {
  method: DriftMethod | null;
  score: number | null;
  details: DriftDetails;
}

/** Evidently's rules only ask whether there are more than 2, 5 or 20 distinct values. */
const DISTINCT_COUNTED_UP_TO = 20;
/** Named in the report, at most this many. */
const UNSEEN_LISTED = 20;

/**
 * One numeric column. Missing values (NaN) and ±Infinity are dropped first, as Evidently does;
 * a sample left empty is not tested (Evidently raises there) and says why.
 */
export function measureNumericColumn(
  reference: Float64Array,
  current: Float64Array,
  requested: DriftMethod | undefined,
): MeasuredColumn {
  const ref = sortedFinite(reference);
  const cur = sortedFinite(current);
  const rows = rowCounts(reference.length, current.length, ref.length, cur.length);
  if (ref.length === 0 || cur.length === 0) return untested(rows, 0);
  const distinctValues = countDistinctMerged(ref, cur, DISTINCT_COUNTED_UP_TO);
  const details: DriftDetails = { ...rows, distinctValues };
  const method = requested ?? defaultMethod('numerical', ref.length, distinctValues);
  switch (method) {
    case 'ks': {
      const ks = ksTwoSample(ref, cur);
      return { method, score: ks.pValue, details: { ...details, statistic: ks.statistic, ksMethod: ks.method } };
    }
    case 'wasserstein':
      return { method, score: normalisedWasserstein(ref, cur), details };
    case 'chisquare':
    case 'z':
      return categoryTest(method, countSortedValues(ref, cur), details);
    default:
      return binnedDistance(method, numericBins(ref, cur, countDistinctSorted(ref, DISTINCT_COUNTED_UP_TO)), details);
  }
}

/** One categorical column; null (or code 0) is missing. */
export function measureCategoricalColumn(
  reference: CategoryValues,
  current: CategoryValues,
  requested: DriftMethod | undefined,
): MeasuredColumn {
  const counts = countCategories(reference, current);
  const rows = rowCounts(lengthOf(reference), lengthOf(current), counts.referenceSize, counts.currentSize);
  if (counts.referenceSize === 0 || counts.currentSize === 0) return untested(rows, counts.keys.length);
  const unseen = unseenInReference(counts);
  const details: DriftDetails = {
    ...rows,
    distinctValues: counts.keys.length,
    ...(unseen.length > 0
      ? { unseenCategories: unseen.slice(0, UNSEEN_LISTED), unseenCategoryCount: unseen.length }
      : {}),
  };
  const method = requested ?? defaultMethod('categorical', counts.referenceSize, counts.keys.length);
  if (method === 'chisquare' || method === 'z') return categoryTest(method, counts, details);
  return binnedDistance(method, counts, details);
}

function lengthOf(values: CategoryValues): number {
  return Array.isArray(values) ? values.length : values.codes.length;
}

function categoryTest(method: 'chisquare' | 'z', counts: AlignedCounts, details: DriftDetails): MeasuredColumn {
  const result = method === 'chisquare' ? chiSquareTest(counts) : proportionZTest(counts);
  const note = result.note ?? (result.statistic === Infinity ? 'values unseen in the reference: p = 0' : undefined);
  return {
    method,
    score: result.pValue,
    details: { ...details, statistic: result.statistic, ...(note ? { note } : {}) },
  };
}

function binnedDistance(method: DriftMethod, counts: AlignedCounts, details: DriftDetails): MeasuredColumn {
  if (method === 'psi') return { method, score: populationStabilityIndex(binnedShares(counts, true)), details };
  return { method, score: jensenShannonDistance(binnedShares(counts, false)), details };
}

function rowCounts(referenceAll: number, currentAll: number, referenceRows: number, currentRows: number) {
  return {
    referenceRows,
    currentRows,
    referenceMissing: referenceAll - referenceRows,
    currentMissing: currentAll - currentRows,
  };
}

function untested(rows: ReturnType<typeof rowCounts>, distinctValues: number): MeasuredColumn {
  const empty = rows.referenceRows === 0 ? 'reference' : 'current';
  return {
    method: null,
    score: null,
    details: { ...rows, distinctValues, note: `no values in the ${empty} sample (all missing): not tested` },
  };
}
