import type { PolicyCheckOf } from '@ledger/contracts';
import type { SliceGapInput, SliceGapReport } from '../../data';
import type { DatasetColumn } from '../../evaluating';
import { CheckFinding, finding } from '../check-evaluator';
import { DatasetUse, lineageOf } from '../reading-evidence/lineage.domain';

type SliceCheck = PolicyCheckOf<'slice_gap'>;

/** The slice column as categories: numbers become their text, a missing value its own slice (null). */
export const sliceValues = (column: DatasetColumn): (string | null)[] =>
  column instanceof Float64Array
    ? Array.from(column, (value) => (Number.isNaN(value) ? null : String(value)))
    : [...column];

/**
 * What the statistic compares per row: for a classifier, the 0/1 label against the class the
 * model predicts at probability 0.5; for a regressor, the target against the prediction.
 */
export function sliceInput(
  check: SliceCheck,
  truth: ArrayLike<number>,
  scores: Float64Array,
  slices: (string | null)[],
): SliceGapInput {
  const labels = Float64Array.from(truth);
  const predictions = check.task === 'classification' ? scores.map((p) => (p >= 0.5 ? 1 : 0)) : scores;
  return { labels, predictions, slices, metric: check.metric, minSliceSize: check.min_rows_per_slice };
}

/** Fails when the worst judged slice is further from the overall metric than max_gap. */
export function sliceGapFinding(check: SliceCheck, report: SliceGapReport, used: DatasetUse[]): CheckFinding {
  const details = { ...report, sliceColumn: check.slice_column, ...lineageOf(used) };
  const rest = { value: report.largestGap, threshold: check.max_gap, baseline: report.overall, details };
  if (report.worst === null)
    return finding(
      'inconclusive',
      `no value of "${check.slice_column}" has ${check.min_rows_per_slice} scored rows: no slice could be judged`,
      rest,
    );
  const gap = `the worst slice ${check.slice_column}=${report.worst.value} has ${check.metric} ${report.worst.metric} against ${report.overall} overall (gap ${report.worst.gap}, max_gap ${check.max_gap})`;
  return report.worst.gap > check.max_gap ? finding('failed', gap, rest) : finding('passed', gap, rest);
}
