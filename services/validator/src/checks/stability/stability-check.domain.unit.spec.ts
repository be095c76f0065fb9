import { StabilityCheckSchema } from '@ledger/contracts';
import { foldValues, stabilityFinding } from './stability-check.domain';

const check = (extra: object) =>
  ({ id: 's', ...StabilityCheckSchema.parse({ kind: 'stability', metric: 'auc', ...extra }) }) as never;
const version = (metrics: Record<string, number>, tags: Record<string, string> = {}) => ({ metrics, tags });

describe('stability of fold metrics', () => {
  it('reads <metric>_fold_<n> in fold order, or a JSON array in the named tag', () => {
    expect(
      foldValues(check({ max_std: 1 }), version({ auc_fold_10: 3, auc_fold_2: 2, auc_fold_1: 1, auc: 9 })),
    ).toEqual([1, 2, 3]);
    expect(foldValues(check({ max_std: 1, fold_tag: 'cv' }), version({}, { cv: '[0.8, 0.9]' }))).toEqual([0.8, 0.9]);
    expect(foldValues(check({ max_std: 1, fold_tag: 'cv' }), version({}, { cv: 'oops' }))).toMatch(/not a JSON array/);
  });
  it('passes a tight spread and fails a wide one, value the std against max_std', () => {
    const tight = stabilityFinding(
      check({ max_std: 0.05 }),
      version({ auc_fold_1: 0.8, auc_fold_2: 0.82, auc_fold_3: 0.81 }),
    );
    expect(tight).toMatchObject({ outcome: 'passed', threshold: 0.05 });
    expect(tight.value).toBeCloseTo(Math.sqrt((0.01 ** 2 * 2) / 3), 12);
    const wide = stabilityFinding(
      check({ max_range: 0.1 }),
      version({ auc_fold_1: 0.6, auc_fold_2: 0.9, auc_fold_3: 0.8 }),
    );
    expect(wide).toMatchObject({ outcome: 'failed', threshold: 0.1 });
    expect(wide.message).toMatch(/max_range/);
  });
  it('is inconclusive with fewer folds than min_folds', () => {
    expect(stabilityFinding(check({ max_std: 1 }), version({ auc_fold_1: 0.8 })).outcome).toBe('inconclusive');
  });
});
