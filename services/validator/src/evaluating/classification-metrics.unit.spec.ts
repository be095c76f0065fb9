import { classificationMetrics } from './classification-metrics.domain';
import { sklearnVectors } from './onnx-fixtures.fixture';

// Every expected value is scikit-learn's, computed by fixtures/onnx/make_models.py.
const TOLERANCE = 1e-6;
const vectors = sklearnVectors();

function expectMetricsClose(actual: Record<string, number | null>, expected: Record<string, number | null>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) {
    if (value === null) expect({ [name]: actual[name] }).toEqual({ [name]: null });
    else expect(Math.abs((actual[name] as number) - value)).toBeLessThan(TOLERANCE);
  }
}

describe('classification metrics agree with scikit-learn', () => {
  it.each(vectors.edgeCases.classification.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expectMetricsClose({ ...classificationMetrics(c.labels, c.probabilities, c.threshold) }, { ...c.expected });
  });

  it('reports ROC AUC as undefined (null) when the labels hold one class', () => {
    expect(classificationMetrics([0, 0], [0.2, 0.7]).rocAuc).toBeNull();
  });

  it('clips a certain wrong answer to -log(machine epsilon) rather than infinity', () => {
    expect(classificationMetrics([1], [0]).logLoss).toBeCloseTo(-Math.log(Number.EPSILON), 9);
  });

  it('counts a probability equal to the threshold as positive', () => {
    expect(classificationMetrics([1, 0], [0.5, 0.49]).accuracy).toBe(1);
  });
});

describe('classification metrics refuse input they cannot score', () => {
  it.each([
    ['no rows', [], [], 0.5, 'no rows'],
    ['lengths differ', [1, 0], [0.3], 0.5, '2 labels but 1 probabilities'],
    ['a label other than 0 or 1', [1, 2], [0.3, 0.4], 0.5, 'label of row 1 is 2'],
    ['a probability above 1', [1, 0], [1.2, 0.4], 0.5, 'probability of row 0 is 1.2'],
    ['a missing probability', [1, 0], [NaN, 0.4], 0.5, 'probability of row 0 is NaN'],
    ['a threshold outside [0, 1]', [1], [0.4], 2, 'threshold must be in [0, 1]'],
  ])('%s', (_, labels, probabilities, threshold, message) => {
    expect(() => classificationMetrics(labels, probabilities, threshold)).toThrow(message);
  });
});
