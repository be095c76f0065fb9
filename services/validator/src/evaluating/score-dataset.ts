import {
  loadOnnxModel,
  matrixFromColumns,
  NumericElementType,
  OnnxModel,
  OnnxModelError,
  readClassifierOutputs,
  readRegressorOutput,
  stringColumn,
  InputTensor,
} from '@ledger/onnx';
import { InputFeed, planInputs } from './model-inputs.domain';
import { DatasetColumns, Outcome, problem } from './reevaluation-problem.domain';

export type Task = 'classification' | 'regression';

export interface ScoreOptions {
  readonly task: Task;
  /** The columns a single [N, k] model input takes, in the model's order (the signature's input names). */
  readonly features?: readonly string[];
  /** Rows per model run: large enough to amortise a run's overhead, small enough to bound memory. */
  readonly batchSize?: number;
}

/** One value per row: the positive-class probability (classification) or the prediction (regression). */
export type Scores = Outcome<{ rows: number; predictions: Float64Array }>;

const DEFAULT_BATCH_SIZE = 16_384;

/**
 * Scores every row of a dataset with an ONNX model given as bytes. Problems with the model or
 * the data come back as a typed problem, not an exception: each is a check outcome to report.
 */
export async function scoreDataset(
  modelBytes: Uint8Array,
  columns: DatasetColumns,
  options: ScoreOptions,
): Promise<Scores> {
  let model: OnnxModel;
  try {
    model = await loadOnnxModel(modelBytes);
  } catch (error) {
    return asProblem(error);
  }
  try {
    const plan = planInputs(model.description.inputs, columns, options.features);
    if (!plan.ok) return plan;
    const predictions = new Float64Array(plan.rows);
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    for (let start = 0; start < plan.rows; start += batchSize) {
      const end = Math.min(start + batchSize, plan.rows);
      predictions.set(await scoreBatch(model, plan.feeds, options.task, start, end), start);
    }
    return { ok: true, rows: plan.rows, predictions };
  } catch (error) {
    return asProblem(error);
  } finally {
    await model.release();
  }
}

async function scoreBatch(
  model: OnnxModel,
  feeds: InputFeed[],
  task: Task,
  start: number,
  end: number,
): Promise<Float64Array> {
  const inputs: Record<string, InputTensor> = {};
  for (const feed of feeds) {
    inputs[feed.input] =
      feed.kind === 'text'
        ? stringColumn(feed.column, start, end)
        : matrixFromColumns(feed.elementType as NumericElementType, feed.columns, start, end);
  }
  const outputs = await model.run(inputs);
  if (task === 'regression') return readRegressorOutput(model.description, outputs);
  const { classes, probabilities } = readClassifierOutputs(model.description, outputs);
  if (classes !== 2) {
    throw new OnnxModelError(
      'unsupported-model',
      `the classifier has ${classes} classes; re-evaluation scores binary classifiers`,
    );
  }
  // skl2onnx orders the classes as sklearn's classes_ (sorted): the positive class is the second.
  const positive = new Float64Array(end - start);
  for (let i = 0; i < positive.length; i++) positive[i] = probabilities[2 * i + 1];
  return positive;
}

function asProblem(error: unknown): { ok: false; problem: ReturnType<typeof problem>['problem'] } {
  if (!(error instanceof OnnxModelError)) throw error;
  const reason = error.problem === 'invalid-input' ? 'model-failed' : error.problem;
  return problem(reason, error.message);
}
