import { SliceGapCheckSchema } from '@ledger/contracts';
import { measureSliceGap } from '../../data';
import { sliceGapFinding, sliceInput, sliceValues } from './slice-gap-check.domain';

const BASE = {
  kind: 'slice_gap',
  dataset: { name: 'h' },
  task: 'classification',
  label_column: 'y',
  slice_column: 's',
  metric: 'accuracy',
  max_gap: 0.1,
  min_rows_per_slice: 2,
};
const check = (extra: object = {}) => ({ id: 'g', ...SliceGapCheckSchema.parse({ ...BASE, ...extra }) }) as never;

describe('the slice gap check', () => {
  it('predicts the class at probability 0.5 and fails a slice far below overall', () => {
    const input = sliceInput(check(), [1, 1, 0, 0], Float64Array.of(0.9, 0.8, 0.7, 0.6), ['a', 'a', 'b', 'b']);
    expect(Array.from(input.predictions as Float64Array)).toEqual([1, 1, 1, 1]);
    const found = sliceGapFinding(check(), measureSliceGap(input), []);
    expect(found).toMatchObject({ outcome: 'failed', value: 0.5, threshold: 0.1, baseline: 0.5 });
  });
  it('is inconclusive when no slice has enough rows', () => {
    const input = sliceInput(check({ min_rows_per_slice: 5 }), [1, 0], Float64Array.of(0.9, 0.1), ['a', 'b']);
    expect(sliceGapFinding(check({ min_rows_per_slice: 5 }), measureSliceGap(input), []).outcome).toBe('inconclusive');
  });
  it('reads a numeric slice column as categories, a missing value its own slice', () => {
    expect(sliceValues(Float64Array.of(1, NaN))).toEqual(['1', null]);
  });
  it('refuses a metric that does not fit the task when the policy is set', () => {
    expect(() => check({ task: 'regression' })).toThrow(/accuracy slices a classification/);
  });
});
