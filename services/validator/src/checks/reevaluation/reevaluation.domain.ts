import type { PolicyCheckOf } from '@ledger/contracts';
import type { Reevaluation } from '../../evaluating';
import type { VersionFacts } from '../../version/version-facts';
import { CheckFinding, finding } from '../check-evaluator';
import { judgeMetricThreshold, ThresholdCriterion } from '../metric-threshold/metric-threshold.domain';
import { DatasetUse, lineageOf } from '../reading-evidence/lineage.domain';

type ReevaluationCheck = PolicyCheckOf<'reevaluation'>;
type PolicyMetric = ReevaluationCheck['metrics'][number]['metric'];
export type MeasuredMetrics = Partial<Record<PolicyMetric, number | null>>;

/** The baseline version re-scored on the same rows, or why it could not be. */
export type BaselineMeasure =
  { version: number; metrics: MeasuredMetrics } | { version: number | null; reason: string };

/** Where each policy metric is in the measured result, and what a version may call it when it claims it. */
const MEASURED_AS: Record<PolicyMetric, { key: string; claimedAs: string[] }> = {
  accuracy: { key: 'accuracy', claimedAs: ['accuracy'] },
  precision: { key: 'precision', claimedAs: ['precision'] },
  recall: { key: 'recall', claimedAs: ['recall'] },
  f1: { key: 'f1', claimedAs: ['f1', 'f1_score'] },
  roc_auc: { key: 'rocAuc', claimedAs: ['roc_auc', 'auc'] },
  log_loss: { key: 'logLoss', claimedAs: ['log_loss', 'logloss'] },
  rmse: { key: 'rmse', claimedAs: ['rmse', 'root_mean_squared_error'] },
  mae: { key: 'mae', claimedAs: ['mae', 'mean_absolute_error'] },
  r2: { key: 'r2', claimedAs: ['r2', 'r2_score'] },
};

/** The policy's metrics out of a re-evaluation (null: undefined on these rows, e.g. ROC AUC of one class). */
export function policyMetrics(measured: Extract<Reevaluation, { ok: true }>): MeasuredMetrics {
  const values = measured.metrics as unknown as Record<string, number | null>;
  return Object.fromEntries(
    (Object.keys(MEASURED_AS) as PolicyMetric[])
      .filter((metric) => MEASURED_AS[metric].key in values)
      .map((metric) => [metric, values[MEASURED_AS[metric].key]]),
  );
}

export const claimedValue = (version: Pick<VersionFacts, 'metrics'>, metric: PolicyMetric): number | null =>
  MEASURED_AS[metric].claimedAs.map((name) => version.metrics[name]).find((v) => v !== undefined) ?? null;

/** Whether any threshold of the check compares with a baseline (only then is the baseline re-scored). */
export const comparesWithBaseline = (check: ReevaluationCheck): boolean =>
  check.metrics.some((m) => m.min_absolute_change !== undefined || m.min_relative_change !== undefined);

interface MetricVerdict {
  metric: PolicyMetric;
  measured: number | null;
  claimed: number | null;
  baseline: number | null;
  criteria: ThresholdCriterion[];
  claimGap: number | null;
  /** False when max_claim_gap is set and the claim is farther than that from the measurement. */
  claimReproduced: boolean | null;
  status: 'passed' | 'failed' | 'inconclusive';
}

/**
 * The check's verdict on measured values only: each threshold applies to what the model scored
 * on the holdout, the baseline's part to the baseline re-scored on the same rows. Claims are
 * reported beside the measurements; with max_claim_gap, a claim the measurement does not
 * reproduce fails the check.
 */
export function reevaluationFinding(
  check: ReevaluationCheck,
  subject: Pick<VersionFacts, 'metrics' | 'version'>,
  measured: Reevaluation,
  baseline: BaselineMeasure | null,
  used: DatasetUse[],
): CheckFinding {
  if (!measured.ok) {
    const { outcome, reason, message, column } = measured.problem;
    return finding(outcome, message, { details: { reason, ...(column ? { column } : {}), ...lineageOf(used) } });
  }
  const measuredMetrics = policyMetrics(measured);
  const verdicts = check.metrics.map((threshold) => {
    const value = measuredMetrics[threshold.metric] ?? null;
    return judgeMetric(threshold, value, claimedValue(subject, threshold.metric), baseline, check.max_claim_gap);
  });
  const outcome = verdicts.some((v) => v.status === 'failed')
    ? 'failed'
    : verdicts.some((v) => v.status === 'inconclusive')
      ? 'inconclusive'
      : 'passed';
  const [first] = verdicts;
  const said = verdicts.map(describe).join('; ');
  return finding(outcome, `re-scored version ${subject.version} on ${measured.rows} rows: ${said}`, {
    value: first.measured,
    threshold: check.metrics[0].threshold ?? null,
    baseline: first.baseline,
    details: {
      task: measured.task,
      rows: measured.rows,
      metrics: verdicts,
      baselineVersion: baseline?.version ?? null,
      ...(baseline && 'reason' in baseline ? { baselineNote: baseline.reason } : {}),
      ...lineageOf(used),
    },
  });
}

function judgeMetric(
  threshold: ReevaluationCheck['metrics'][number],
  measured: number | null,
  claimed: number | null,
  baseline: BaselineMeasure | null,
  maxClaimGap: number | undefined,
): MetricVerdict {
  const metric = threshold.metric;
  const baselineValue = baseline && 'metrics' in baseline ? (baseline.metrics[metric] ?? null) : null;
  const base = { metric, measured, claimed, baseline: baselineValue, claimGap: null, claimReproduced: null };
  if (measured === null) return { ...base, criteria: [], status: 'inconclusive' };
  const noBaseline =
    baseline === null
      ? 'no baseline version: the comparison with a baseline was skipped'
      : 'reason' in baseline
        ? baseline.reason
        : `the baseline's ${metric} is undefined on these rows: the comparison was skipped`;
  const criteria = judgeMetricThreshold(threshold, measured, baselineValue ?? undefined, noBaseline);
  const claimGap = claimed === null ? null : Math.abs(claimed - measured);
  const claimReproduced = maxClaimGap === undefined || claimGap === null ? null : claimGap <= maxClaimGap;
  const failed = claimReproduced === false || criteria.some((c) => c.status === 'failed');
  return { ...base, criteria, claimGap, claimReproduced, status: failed ? 'failed' : 'passed' };
}

function describe(v: MetricVerdict): string {
  if (v.measured === null) return `${v.metric} is undefined on these rows`;
  const claim = v.claimed === null ? 'no claim' : `claimed ${v.claimed}`;
  const criteria = v.criteria.map((c) => `${c.criterion} ${c.status}${c.bound === null ? '' : ` (bound ${c.bound})`}`);
  const reproduced = v.claimReproduced === false ? [`claim not reproduced (off by ${v.claimGap})`] : [];
  return `${v.metric} measured ${v.measured} (${claim}): ${[...criteria, ...reproduced].join(', ') || 'no threshold'}`;
}
