import { measureCategoricalColumn, measureNumericColumn } from './column-drift.domain';
import { DriftMethod } from './drift-methods.domain';
import { measureDrift } from './drift-report.domain';
import { categoricalColumn, driftVectors, DriftVectorCase, numericColumn } from './drift-vectors.fixture';
import { kolmogorovSurvival, smirnovSurvival } from './kolmogorov-n.domain';

const TOLERANCE = 1e-6;
const METHODS: DriftMethod[] = ['ks', 'wasserstein', 'chisquare', 'z', 'jensenshannon', 'psi'];

function measure(testCase: DriftVectorCase, method: DriftMethod | undefined) {
  return testCase.type === 'numerical'
    ? measureNumericColumn(numericColumn(testCase.reference), numericColumn(testCase.current), method)
    : measureCategoricalColumn(categoricalColumn(testCase.reference), categoricalColumn(testCase.current), method);
}

const cases = [...driftVectors.numeric, ...driftVectors.categorical];
const scored = cases.flatMap((testCase) =>
  METHODS.filter((method) => typeof testCase.expected[method] === 'number').map(
    (method) => [testCase.type, testCase.name, method, testCase] as const,
  ),
);

describe(`drift scores match SciPy ${driftVectors.scipy} as Evidently calls it, to 1e-6`, () => {
  it.each(scored)('%s column "%s": %s', (_type, _name, method, testCase) => {
    const measured = measure(testCase, method);
    expect(measured.method).toBe(method);
    expect(Math.abs(measured.score! - (testCase.expected[method] as number))).toBeLessThanOrEqual(TOLERANCE);
  });

  it.each(driftVectors.numeric.filter((c) => c.expected.ksStatistic !== undefined).map((c) => [c.name, c] as const))(
    'the KS statistic of "%s"',
    (_name, testCase) => {
      const measured = measure(testCase, 'ks');
      expect(Math.abs(measured.details.statistic! - (testCase.expected.ksStatistic as number))).toBeLessThanOrEqual(
        TOLERANCE,
      );
    },
  );

  it.each(cases.map((c) => [c.type, c.name, c.expected.default ?? null, c] as const))(
    '%s column "%s" gets Evidently\'s default test: %s',
    (_type, _name, method, testCase) => {
      expect(measure(testCase, undefined).method).toBe(method);
    },
  );
});

describe('the one-sample KS distribution (kstwo.sf) over each branch of SciPy’s case split', () => {
  it.each(driftVectors.kolmogorov.map((point) => [point.n, point.x, point.sf, point.smirnov] as const))(
    'n=%d x=%f',
    (n, x, sf, smirnov) => {
      expect(Math.abs(kolmogorovSurvival(n, x) - sf)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(smirnovSurvival(n, x) - smirnov)).toBeLessThanOrEqual(TOLERANCE);
    },
  );
});

describe('known drift is detected, no drift is not (default tests)', () => {
  const verdict = (testCase: DriftVectorCase) =>
    measureDrift(
      { x: testCase.type === 'numerical' ? numericColumn(testCase.reference) : categoricalColumn(testCase.reference) },
      { x: testCase.type === 'numerical' ? numericColumn(testCase.current) : categoricalColumn(testCase.current) },
    ).columns[0].drifted;
  const drifted = cases.filter((c) => /drifted|shifted|different|unseen|gone/.test(c.name));
  const steady = cases.filter((c) => /no drift|same value/.test(c.name));

  it.each(drifted.map((c) => [c.type, c.name, c] as const))('%s "%s" drifts', (_t, _n, testCase) => {
    expect(verdict(testCase)).toBe(true);
  });
  it.each(steady.map((c) => [c.type, c.name, c] as const))('%s "%s" does not', (_t, _n, testCase) => {
    expect(verdict(testCase)).toBe(false);
  });
});
