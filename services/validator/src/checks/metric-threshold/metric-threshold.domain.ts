import type { MetricThreshold } from '@ledger/contracts';
import { CheckFinding, finding } from '../check-evaluator';

export interface ThresholdCriterion {
  criterion: 'threshold' | 'min_absolute_change' | 'min_relative_change';
  /** The bound the candidate had to reach; null when the criterion was skipped. */
  bound: number | null;
  status: 'passed' | 'failed' | 'skipped';
  note?: string;
}

/**
 * MLflow's MetricThreshold, exactly (mlflow.models.evaluation.validation): with greater_is_better
 * the candidate must be >= threshold, >= baseline + min_absolute_change, and its change
 * (candidate − baseline) / baseline must be >= min_relative_change; otherwise the mirror image.
 * A zero baseline falls back to "strictly better than the baseline" (by 1e-10) for the relative
 * part, as MLflow does. Without a baseline value the relative parts are skipped.
 */
export function judgeMetricThreshold(
  threshold: MetricThreshold,
  candidate: number,
  baseline: number | undefined,
  noBaselineReason: string,
): ThresholdCriterion[] {
  const better = threshold.greater_is_better;
  const atLeast = (value: number, bound: number) => (better ? value >= bound : value <= bound);
  const shift = (value: number, by: number) => (better ? value + by : value - by);
  const criteria: ThresholdCriterion[] = [];
  if (threshold.threshold !== undefined) {
    const passed = atLeast(candidate, threshold.threshold);
    criteria.push({ criterion: 'threshold', bound: threshold.threshold, status: passed ? 'passed' : 'failed' });
  }
  const skip = (criterion: ThresholdCriterion['criterion']) =>
    criteria.push({ criterion, bound: null, status: 'skipped', note: noBaselineReason });
  if (threshold.min_absolute_change !== undefined) {
    if (baseline === undefined) skip('min_absolute_change');
    else {
      const bound = shift(baseline, threshold.min_absolute_change);
      criteria.push({
        criterion: 'min_absolute_change',
        bound,
        status: atLeast(candidate, bound) ? 'passed' : 'failed',
      });
    }
  }
  if (threshold.min_relative_change !== undefined) {
    if (baseline === undefined) skip('min_relative_change');
    else criteria.push(relativeCriterion(threshold.min_relative_change, better, candidate, baseline));
  }
  return criteria;
}

function relativeCriterion(
  minChange: number,
  better: boolean,
  candidate: number,
  baseline: number,
): ThresholdCriterion {
  if (baseline === 0) {
    const bound = better ? 1e-10 : -1e-10;
    const passed = better ? candidate >= bound : candidate <= bound;
    const note = 'baseline value is 0: the candidate must simply be better than it';
    return { criterion: 'min_relative_change', bound, status: passed ? 'passed' : 'failed', note };
  }
  const change = better ? (candidate - baseline) / baseline : (baseline - candidate) / baseline;
  const bound = better ? baseline * (1 + minChange) : baseline * (1 - minChange);
  return { criterion: 'min_relative_change', bound, status: change < minChange ? 'failed' : 'passed' };
}

/** The claimed value: the version's metrics first, else the named tag read as a number. */
export function claimedMetric(
  version: { metrics: Record<string, number>; tags: Record<string, string> },
  metric: string,
  tag: string | undefined,
): number | undefined {
  if (version.metrics[metric] !== undefined) return version.metrics[metric];
  const text = tag === undefined ? undefined : version.tags[tag]?.trim();
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export interface ThresholdSubject {
  label: string;
  value: number | undefined;
}

/** The whole check: the claimed value, judged against the threshold and the baseline's claim. */
export function metricThresholdFinding(
  metric: string,
  threshold: MetricThreshold,
  candidate: ThresholdSubject,
  baseline: ThresholdSubject | null,
): CheckFinding {
  const limit = { threshold: threshold.threshold ?? null };
  if (candidate.value === undefined)
    return finding('failed', `${candidate.label} claims no value of metric "${metric}"`, limit);
  const noBaseline =
    baseline === null
      ? 'no baseline version: the comparison with a baseline was skipped'
      : `${baseline.label} claims no value of "${metric}": the comparison with it was skipped`;
  const criteria = judgeMetricThreshold(threshold, candidate.value, baseline?.value, noBaseline);
  const failed = criteria.filter((c) => c.status === 'failed');
  const skipped = criteria.some((c) => c.status === 'skipped');
  const said = criteria.map((c) => `${c.criterion} ${c.status}${c.bound === null ? '' : ` (bound ${c.bound})`}`);
  const message = [
    `${metric} = ${candidate.value} (${threshold.greater_is_better ? 'higher' : 'lower'} is better): ${said.join(', ')}`,
    ...(skipped ? [noBaseline] : []),
  ].join('. ');
  return finding(failed.length > 0 ? 'failed' : 'passed', message, {
    value: candidate.value,
    ...limit,
    baseline: baseline?.value ?? null,
    details: { metric, criteria, ...(baseline ? { baselineVersion: baseline.label } : {}) },
  });
}
