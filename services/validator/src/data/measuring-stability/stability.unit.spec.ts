import { ValidationError } from '@ledger/contracts';
import { driftVectors } from '../measuring-drift/drift-vectors.fixture';
import { measureStability } from './stability.domain';

const close = (actual: number | null, expected: number | null) =>
  expected === null ? expect(actual).toBeNull() : expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1e-6);

describe('spread of cross-validation fold metrics, against NumPy to 1e-6', () => {
  it.each(driftVectors.stability.map((c) => [c.folds.join(', '), c] as const))('[%s]', (_label, expected) => {
    const report = measureStability(expected.folds);
    expect(report.folds).toBe(expected.folds.length);
    close(report.mean, expected.mean);
    close(report.std, expected.std);
    close(report.sampleStd, expected.sampleStd);
    close(report.range, expected.range);
    close(report.coefficientOfVariation, expected.coefficientOfVariation);
    expect(report.max - report.min).toBeCloseTo(report.range, 12);
  });

  it('stable folds spread less than unstable ones', () => {
    expect(measureStability([0.9, 0.91, 0.9]).coefficientOfVariation!).toBeLessThan(
      measureStability([0.6, 0.9, 0.75]).coefficientOfVariation!,
    );
  });

  it.each([
    [[], 'foldMetrics'],
    [[0.9, NaN], 'foldMetrics\\[1\\]'],
    [[Infinity], 'foldMetrics\\[0\\]'],
  ])('rejects %j naming %s', (folds, field) => {
    expect(() => measureStability(folds)).toThrow(ValidationError);
    expect(() => measureStability(folds)).toThrow(new RegExp(`^${field}:`));
  });
});
