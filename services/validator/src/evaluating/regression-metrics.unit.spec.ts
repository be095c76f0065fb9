import { sklearnVectors } from './onnx-fixtures.fixture';
import { regressionMetrics } from './regression-metrics.domain';

// Every expected value is scikit-learn's, computed by fixtures/onnx/make_models.py.
const TOLERANCE = 1e-6;
const vectors = sklearnVectors();

describe('regression metrics agree with scikit-learn', () => {
  it.each(vectors.edgeCases.regression.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const measured = regressionMetrics(c.actual, c.predicted);
    expect(Math.abs(measured.rmse - c.expected.rmse)).toBeLessThan(TOLERANCE);
    expect(Math.abs(measured.mae - c.expected.mae)).toBeLessThan(TOLERANCE);
    if (c.expected.r2 === null) expect(measured.r2).toBeNull();
    else expect(Math.abs(measured.r2! - c.expected.r2)).toBeLessThan(TOLERANCE);
  });

  it('gives a constant target R² 1 for perfect predictions and 0 otherwise, never NaN', () => {
    expect(regressionMetrics([4, 4], [4, 4]).r2).toBe(1);
    expect(regressionMetrics([4, 4], [4, 5]).r2).toBe(0);
  });
});

describe('regression metrics refuse input they cannot score', () => {
  it.each([
    ['no rows', [], [], 'no rows'],
    ['lengths differ', [1, 2], [1], '2 actual values but 1 predictions'],
    ['a missing actual value', [1, NaN], [1, 2], 'actual value of row 1 is NaN'],
    ['an infinite prediction', [1, 2], [1, Infinity], 'prediction of row 1 is Infinity'],
  ])('%s', (_, actual, predicted, message) => {
    expect(() => regressionMetrics(actual, predicted)).toThrow(message);
  });
});
