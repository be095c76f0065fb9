import { claimedMetric, judgeMetricThreshold, metricThresholdFinding } from './metric-threshold.domain';

const NO_BASELINE = 'no baseline';
const statuses = (criteria: ReturnType<typeof judgeMetricThreshold>) =>
  Object.fromEntries(criteria.map((c) => [c.criterion, c.status]));

describe('metric thresholds, MLflow MetricThreshold semantics', () => {
  describe('absolute threshold', () => {
    it('given greater is better, when the value equals the threshold, then it passes (>=)', () => {
      expect(
        statuses(judgeMetricThreshold({ threshold: 0.8, greater_is_better: true }, 0.8, undefined, NO_BASELINE)),
      ).toEqual({ threshold: 'passed' });
    });
    it('given greater is better, when the value is below, then it fails', () => {
      expect(
        statuses(judgeMetricThreshold({ threshold: 0.8, greater_is_better: true }, 0.79, undefined, NO_BASELINE)),
      ).toEqual({ threshold: 'failed' });
    });
    it('given lower is better, when the value is above, then it fails; equal passes (<=)', () => {
      const rmse = { threshold: 2, greater_is_better: false };
      expect(statuses(judgeMetricThreshold(rmse, 2.01, undefined, NO_BASELINE))).toEqual({ threshold: 'failed' });
      expect(statuses(judgeMetricThreshold(rmse, 2, undefined, NO_BASELINE))).toEqual({ threshold: 'passed' });
    });
  });

  describe('min_absolute_change against the baseline', () => {
    it('given greater is better, then the candidate must reach baseline + change', () => {
      const t = { min_absolute_change: 0.05, greater_is_better: true };
      expect(statuses(judgeMetricThreshold(t, 0.86, 0.8, NO_BASELINE))).toEqual({ min_absolute_change: 'passed' });
      expect(statuses(judgeMetricThreshold(t, 0.84, 0.8, NO_BASELINE))).toEqual({ min_absolute_change: 'failed' });
    });
    it('given lower is better, then the candidate must reach baseline − change', () => {
      const t = { min_absolute_change: 1, greater_is_better: false };
      expect(statuses(judgeMetricThreshold(t, 9, 10, NO_BASELINE))).toEqual({ min_absolute_change: 'passed' });
      expect(statuses(judgeMetricThreshold(t, 9.5, 10, NO_BASELINE))).toEqual({ min_absolute_change: 'failed' });
    });
  });

  describe('min_relative_change against the baseline', () => {
    it('given greater is better, then (candidate − baseline) / baseline must reach the change', () => {
      const t = { min_relative_change: 0.1, greater_is_better: true };
      expect(statuses(judgeMetricThreshold(t, 0.9, 0.8, NO_BASELINE))).toEqual({ min_relative_change: 'passed' });
      expect(statuses(judgeMetricThreshold(t, 0.85, 0.8, NO_BASELINE))).toEqual({ min_relative_change: 'failed' });
    });
    it('given lower is better, then (baseline − candidate) / baseline must reach the change', () => {
      const t = { min_relative_change: 0.2, greater_is_better: false };
      expect(statuses(judgeMetricThreshold(t, 7.9, 10, NO_BASELINE))).toEqual({ min_relative_change: 'passed' });
      expect(statuses(judgeMetricThreshold(t, 8.5, 10, NO_BASELINE))).toEqual({ min_relative_change: 'failed' });
    });
    it('given a zero baseline, then the candidate must only be better than it (MLflow falls back to 1e-10)', () => {
      const t = { min_relative_change: 0.5, greater_is_better: true };
      expect(statuses(judgeMetricThreshold(t, 0.001, 0, NO_BASELINE))).toEqual({ min_relative_change: 'passed' });
      expect(statuses(judgeMetricThreshold(t, 0, 0, NO_BASELINE))).toEqual({ min_relative_change: 'failed' });
    });
  });

  it('given no baseline, then the relative parts are skipped with the reason and the absolute part still judges', () => {
    const criteria = judgeMetricThreshold(
      { threshold: 0.7, min_absolute_change: 0.01, min_relative_change: 0.05, greater_is_better: true },
      0.75,
      undefined,
      NO_BASELINE,
    );
    expect(statuses(criteria)).toEqual({
      threshold: 'passed',
      min_absolute_change: 'skipped',
      min_relative_change: 'skipped',
    });
    expect(criteria[1].note).toBe(NO_BASELINE);
  });

  describe('the whole check', () => {
    it('given no baseline version, when only relative parts are asked, then it passes and says the comparison was skipped', () => {
      const result = metricThresholdFinding(
        'auc',
        { min_relative_change: 0.05, greater_is_better: true },
        { label: 'version 1', value: 0.8 },
        null,
      );
      expect(result).toMatchObject({ outcome: 'passed', value: 0.8, threshold: null, baseline: null });
      expect(result.message).toMatch(/no baseline version: the comparison with a baseline was skipped/);
    });
    it('given a baseline, when the candidate does not improve enough, then it fails with both values', () => {
      const result = metricThresholdFinding(
        'auc',
        { threshold: 0.7, min_absolute_change: 0.02, greater_is_better: true },
        { label: 'version 3', value: 0.81 },
        { label: 'baseline version 2', value: 0.8 },
      );
      expect(result).toMatchObject({ outcome: 'failed', value: 0.81, threshold: 0.7, baseline: 0.8 });
      expect(result.message).toMatch(/min_absolute_change failed/);
    });
    it('given the version claims no such metric, then it fails and says so', () => {
      const result = metricThresholdFinding(
        'auc',
        { threshold: 0.7, greater_is_better: true },
        { label: 'version 3', value: undefined },
        null,
      );
      expect(result).toMatchObject({ outcome: 'failed', message: 'version 3 claims no value of metric "auc"' });
    });
  });

  describe('claimed metrics', () => {
    it('are read from the metrics first, then from the tag the policy names (MLflow client registrations)', () => {
      expect(claimedMetric({ metrics: { auc: 0.9 }, tags: { auc: '0.1' } }, 'auc', 'auc')).toBe(0.9);
      expect(claimedMetric({ metrics: {}, tags: { 'metric.auc': ' 0.83 ' } }, 'auc', 'metric.auc')).toBe(0.83);
      expect(claimedMetric({ metrics: {}, tags: { auc: 'high' } }, 'auc', 'auc')).toBeUndefined();
      expect(claimedMetric({ metrics: {}, tags: { auc: '0.8' } }, 'auc', undefined)).toBeUndefined();
    });
  });
});
