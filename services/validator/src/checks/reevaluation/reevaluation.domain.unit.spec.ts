import { ReevaluationCheckSchema } from '@ledger/contracts';
import type { Reevaluation } from '../../evaluating';
import { claimedValue, reevaluationFinding } from './reevaluation.domain';

const check = (metrics: object[], extra: object = {}) =>
  ({
    id: 'r',
    ...ReevaluationCheckSchema.parse({
      kind: 'reevaluation',
      dataset: { name: 'h' },
      task: 'classification',
      label_column: 'y',
      metrics,
      ...extra,
    }),
  }) as never;
const measured = (rocAuc: number | null): Reevaluation => ({
  ok: true,
  task: 'classification',
  rows: 100,
  metrics: { accuracy: 0.8, precision: 0.7, recall: 0.6, f1: 0.65, rocAuc, logLoss: 0.4 },
});
const subject = (metrics: Record<string, number> = {}) => ({ version: 3, metrics });
const AUC = { metric: 'roc_auc', threshold: 0.75, greater_is_better: true };

describe('the re-evaluation check', () => {
  it('judges the measured value, reporting the claim beside it', () => {
    const found = reevaluationFinding(check([AUC]), subject({ auc: 0.95 }), measured(0.7), null, []);
    expect(found).toMatchObject({ outcome: 'failed', value: 0.7, threshold: 0.75 });
    expect(found.details.metrics).toEqual([
      expect.objectContaining({ metric: 'roc_auc', measured: 0.7, claimed: 0.95 }),
    ]);
  });
  it('fails a claim the measurement does not reproduce within max_claim_gap', () => {
    const found = reevaluationFinding(
      check([AUC], { max_claim_gap: 0.05 }),
      subject({ roc_auc: 0.95 }),
      measured(0.8),
      null,
      [],
    );
    expect(found.outcome).toBe('failed');
    expect(found.message).toMatch(/claim not reproduced/);
  });
  it('compares with the baseline re-scored on the same rows, and says why when it could not be', () => {
    const relative = { metric: 'roc_auc', min_absolute_change: 0.02, greater_is_better: true };
    const better = reevaluationFinding(
      check([relative]),
      subject(),
      measured(0.8),
      { version: 2, metrics: { roc_auc: 0.79 } },
      [],
    );
    expect(better).toMatchObject({ outcome: 'failed', baseline: 0.79 });
    const unscored = reevaluationFinding(
      check([relative]),
      subject(),
      measured(0.8),
      { version: 2, reason: 'not ONNX' },
      [],
    );
    expect(unscored).toMatchObject({ outcome: 'passed', details: { baselineNote: 'not ONNX' } });
  });
  it('is inconclusive for a model that is not ONNX, never a pass, and when a metric is undefined on the rows', () => {
    const pickled: Reevaluation = {
      ok: false,
      problem: { outcome: 'inconclusive', reason: 'not-onnx', message: 'a pickle' },
    };
    expect(reevaluationFinding(check([AUC]), subject(), pickled, null, [])).toMatchObject({
      outcome: 'inconclusive',
      details: { reason: 'not-onnx' },
    });
    expect(reevaluationFinding(check([AUC]), subject(), measured(null), null, []).outcome).toBe('inconclusive');
  });
  it('reads a claim under the metric name or its usual alias', () => {
    expect(claimedValue({ metrics: { auc: 0.9 } }, 'roc_auc')).toBe(0.9);
    expect(claimedValue({ metrics: {} }, 'roc_auc')).toBeNull();
  });
});
