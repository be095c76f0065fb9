import { fixtureBytes, readNumericCsv, sklearnVectors } from './onnx-fixtures.fixture';
import { reevaluate } from './reevaluate';
import { DatasetColumn, DatasetColumns } from './reevaluation-problem.domain';
import { scoreDataset } from './score-dataset';

// Real models (fixtures/onnx, made by skl2onnx) scored by the real onnxruntime-node; every
// expected number is scikit-learn's on the same holdout, to 1e-6.
const TOLERANCE = 1e-6;
const { models } = sklearnVectors();
const classifier = models['classifier.onnx'];
const regressor = models['regressor.onnx'];
const churn = readNumericCsv(classifier.holdout);
const spend = readNumericCsv(regressor.holdout);
const churnOptions = { task: 'classification', label: 'churned', features: classifier.features } as const;

function expectClose(measured: object, expected: object) {
  for (const [name, value] of Object.entries(expected)) {
    expect([name, Math.abs((measured as Record<string, number>)[name] - value) < TOLERANCE]).toEqual([name, true]);
  }
}

const without = (columns: DatasetColumns, name: string) => new Map([...columns].filter(([column]) => column !== name));

describe('re-evaluating a model on a holdout dataset', () => {
  it.each(['classifier.onnx', 'classifier_worse.onnx'])('measures %s as scikit-learn does', async (file) => {
    const measured = await reevaluate(fixtureBytes(file), churn, churnOptions);
    expect(measured).toMatchObject({ ok: true, task: 'classification', rows: 1000 });
    if (measured.ok) expectClose(measured.metrics, models[file].metrics);
    // float32 inputs move the scores by ~1e-8: still the scikit-learn model's own numbers to 1e-6.
    if (measured.ok) expectClose(measured.metrics, models[file].sklearnModelMetrics);
  });

  it('measures the worse variant worse on every metric', async () => {
    const good = await reevaluate(fixtureBytes('classifier.onnx'), churn, churnOptions);
    const worse = await reevaluate(fixtureBytes('classifier_worse.onnx'), churn, churnOptions);
    if (!good.ok || !worse.ok || good.task !== 'classification' || worse.task !== 'classification')
      throw new Error('not measured');
    expect(worse.metrics.rocAuc!).toBeLessThan(good.metrics.rocAuc! - 0.1);
    expect(worse.metrics.accuracy).toBeLessThan(good.metrics.accuracy);
    expect(worse.metrics.logLoss).toBeGreaterThan(good.metrics.logLoss);
  });

  it('measures a regressor whose inputs are named after the columns, with no feature list', async () => {
    const measured = await reevaluate(fixtureBytes('regressor.onnx'), spend, {
      task: 'regression',
      label: 'next_month_spend',
    });
    expect(measured).toMatchObject({ ok: true, task: 'regression', rows: 1000 });
    if (measured.ok) expectClose(measured.metrics, regressor.metrics);
    if (measured.ok) expectClose(measured.metrics, regressor.sklearnModelMetrics);
  });

  it('gives the same scores whatever the batch size', async () => {
    const whole = await scoreDataset(fixtureBytes('classifier.onnx'), churn, { ...churnOptions, batchSize: 5000 });
    const batched = await scoreDataset(fixtureBytes('classifier.onnx'), churn, { ...churnOptions, batchSize: 7 });
    if (!whole.ok || !batched.ok) throw new Error('not scored');
    expect(batched.predictions).toEqual(whole.predictions);
  });
});

describe('what cannot be re-evaluated is reported, not thrown', () => {
  it.each([
    ['a truncated ONNX file', 'broken.onnx', churn, 'error', 'unreadable-model', /protobuf parsing failed/],
    ['a ZipMap classifier', 'classifier_zipmap.onnx', churn, 'error', 'unsupported-model', /zipmap=False/],
    [
      'a missing feature column',
      'classifier.onnx',
      without(churn, 'tenure_months'),
      'error',
      'missing-column',
      /"tenure_months"/,
    ],
    [
      'a missing label column',
      'classifier.onnx',
      without(churn, 'churned'),
      'error',
      'missing-column',
      /label column "churned"/,
    ],
  ])('%s', async (_, file, columns, outcome, reason, message) => {
    const measured = await reevaluate(fixtureBytes(file), columns, churnOptions);
    expect(measured).toEqual({
      ok: false,
      problem: expect.objectContaining({ outcome, reason, message: expect.stringMatching(message) }),
    });
  });

  it('leaves a model that is not ONNX (a pickle) inconclusive', async () => {
    const pickle = Buffer.from([0x80, 0x05, 0x95, 0x2a, 0x00, 0x00]);
    expect(await reevaluate(pickle, churn, churnOptions)).toMatchObject({
      ok: false,
      problem: { outcome: 'inconclusive', reason: 'not-onnx' },
    });
  });

  it('names a text column fed to a numeric input', async () => {
    const columns: DatasetColumns = new Map<string, DatasetColumn>([
      ...churn,
      ['satisfaction', Array.from({ length: 1000 }, () => 'high')],
    ]);
    expect(await reevaluate(fixtureBytes('classifier.onnx'), columns, churnOptions)).toMatchObject({
      ok: false,
      problem: { reason: 'wrong-column-type', column: 'satisfaction' },
    });
  });

  it('asks for the feature order of a single [N, 8] input rather than guessing it', async () => {
    const measured = await reevaluate(fixtureBytes('classifier.onnx'), churn, {
      task: 'classification',
      label: 'churned',
    });
    expect(measured).toMatchObject({ ok: false, problem: { outcome: 'error', reason: 'features-undeclared' } });
  });

  it('leaves an empty dataset inconclusive', async () => {
    const empty = new Map([...churn].map(([name]) => [name, new Float64Array(0)]));
    expect(await reevaluate(fixtureBytes('classifier.onnx'), empty, churnOptions)).toMatchObject({
      ok: false,
      problem: { outcome: 'inconclusive', reason: 'no-rows' },
    });
  });
});
