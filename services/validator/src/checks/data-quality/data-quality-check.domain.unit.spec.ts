import { DataQualityCheckSchema } from '@ledger/contracts';
import { checkQuality } from '../../data';
import { qualityExpectations, qualityFinding, signatureColumns } from './data-quality-check.domain';

const check = (extra: object = {}) =>
  ({ id: 'q', ...DataQualityCheckSchema.parse({ kind: 'data_quality', dataset: { name: 'h' }, ...extra }) }) as never;
const signature = {
  inputs: [{ name: 'x', type: 'double' }, { name: 'n', type: 'int64' }, { type: 'float32' }],
  outputs: [],
};

describe('the data quality check', () => {
  it('reads column and tensor signatures as schema columns, leaving out unnamed inputs', () => {
    expect(signatureColumns(signature)).toEqual([
      { name: 'x', type: 'double' },
      { name: 'n', type: 'long' },
    ]);
  });
  it('lets a per-column missing rate win over the general one', () => {
    expect(
      qualityExpectations(check({ max_missing_rate: 0, column_missing_rates: { x: 0.5 } }), ['x', 'n'], null),
    ).toMatchObject({
      maxMissingRate: { x: 0.5, n: 0 },
    });
  });
  it('fails on a missing rate, passes a holdout whose label the signature does not name', () => {
    const columns = { x: Float64Array.of(1, NaN), n: Float64Array.of(1, 2), label: Float64Array.of(0, 1) };
    const strict = check({ max_missing_rate: 0 });
    const failed = qualityFinding(
      strict,
      checkQuality(columns, qualityExpectations(strict, Object.keys(columns), signature)),
      true,
      [],
    );
    expect(failed).toMatchObject({ outcome: 'failed', value: 0.5, threshold: 0 });
    const lenient = check({ max_missing_rate: 0.5 });
    const passed = qualityFinding(
      lenient,
      checkQuality(columns, qualityExpectations(lenient, Object.keys(columns), signature)),
      true,
      [],
    );
    expect(passed.outcome).toBe('passed');
    expect(passed.details.schema).toMatchObject({ extraColumns: ['label'] });
  });
});
