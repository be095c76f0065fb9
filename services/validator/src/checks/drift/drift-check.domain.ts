import type { PolicyCheckOf } from '@ledger/contracts';
import type { DriftOptions, DriftReport } from '../../data';
import { CheckFinding, finding } from '../check-evaluator';
import { DatasetUse, lineageOf } from '../reading-evidence/lineage.domain';

type DriftCheck = PolicyCheckOf<'drift'>;

/** The policy's drift settings as Evidently-style options: `auto` leaves the choice to Evidently's defaults. */
export function driftOptions(check: DriftCheck): DriftOptions {
  const overrides = Object.entries(check.column_overrides);
  return {
    driftShare: check.drift_share,
    ...(check.method === 'auto' ? {} : { method: check.method }),
    ...(check.threshold === undefined ? {} : { threshold: check.threshold }),
    perColumnMethod: Object.fromEntries(
      overrides.flatMap(([column, o]) => (o.method === 'auto' ? [] : [[column, o.method]])),
    ),
    perColumnThreshold: Object.fromEntries(
      overrides.flatMap(([column, o]) => (o.threshold === undefined ? [] : [[column, o.threshold]])),
    ),
  };
}

/** The columns compared: those the policy names, else every column both datasets have, in the reference's order. */
export const comparedColumns = (check: DriftCheck, reference: string[], current: string[]): string[] =>
  check.columns ?? reference.filter((column) => current.includes(column));

/** The dataset drifts when the share of drifted columns reaches drift_share (Evidently's rule). */
export function driftFinding(report: DriftReport, used: DatasetUse[]): CheckFinding {
  const { summary } = report;
  const drifted = report.columns.filter((c) => c.drifted).map((c) => c.column);
  const untested = report.columns.filter((c) => c.method === null).map((c) => c.column);
  const details = { summary, columns: report.columns, ...lineageOf(used) };
  const limits = { value: summary.shareOfDriftedColumns, threshold: summary.driftShare, details };
  if (summary.testedColumns === 0)
    return finding('inconclusive', `no column could be tested for drift (${untested.join(', ') || 'none shared'})`, {
      ...limits,
      value: null,
    });
  const share = `${summary.driftedColumns} of ${summary.testedColumns} tested columns drifted (share ${summary.shareOfDriftedColumns}, drift_share ${summary.driftShare})`;
  const which = drifted.length > 0 ? `: ${drifted.join(', ')}` : '';
  return summary.datasetDrift
    ? finding('failed', `the current data drifted from the reference: ${share}${which}`, limits)
    : finding('passed', `no dataset drift: ${share}${which}`, limits);
}
