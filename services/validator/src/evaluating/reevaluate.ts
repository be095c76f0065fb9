import { ValidationError } from '@ledger/contracts';
import { ClassificationMetrics, classificationMetrics } from './classification-metrics.domain';
import { binaryLabels, numericTarget } from './labels.domain';
import { RegressionMetrics, regressionMetrics } from './regression-metrics.domain';
import { DatasetColumns, Outcome, problem } from './reevaluation-problem.domain';
import { scoreDataset, ScoreOptions } from './score-dataset';

export interface ReevaluationOptions extends ScoreOptions {
  /** The column holding the true label (classification) or target (regression). */
  readonly label: string;
  /** Classification: the label value of the positive class (default 1); the model's second class. */
  readonly positiveLabel?: number | string;
  /** Classification: a row is predicted positive at or above this probability (default 0.5). */
  readonly threshold?: number;
}

export type Reevaluation = Outcome<
  | { task: 'classification'; rows: number; metrics: ClassificationMetrics }
  | { task: 'regression'; rows: number; metrics: RegressionMetrics }
>;

/**
 * Measures a model on a labelled dataset: scores every row with the ONNX model itself and
 * computes the task's metrics, so a verdict rests on measured values, never on claimed ones.
 */
export async function reevaluate(
  modelBytes: Uint8Array,
  columns: DatasetColumns,
  options: ReevaluationOptions,
): Promise<Reevaluation> {
  const { threshold } = options;
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    throw new ValidationError(`threshold must be in [0, 1], got ${threshold}`, { field: 'threshold' });
  }
  const truth =
    options.task === 'classification'
      ? binaryLabels(columns, options.label, options.positiveLabel ?? 1)
      : numericTarget(columns, options.label);
  if (!truth.ok) return truth;
  const expected = 'labels' in truth ? truth.labels : truth.target;
  const scores = await scoreDataset(modelBytes, columns, options);
  if (!scores.ok) return scores;
  if (expected.length !== scores.rows) {
    return problem(
      'column-lengths-differ',
      `the column "${options.label}" has ${expected.length} rows, the features ${scores.rows}`,
    );
  }
  try {
    return options.task === 'classification'
      ? {
          ok: true,
          task: 'classification',
          rows: scores.rows,
          metrics: classificationMetrics(expected, scores.predictions, threshold),
        }
      : { ok: true, task: 'regression', rows: scores.rows, metrics: regressionMetrics(expected, scores.predictions) };
  } catch (error) {
    // The labels were checked above: what the metrics refuse now is the model's output (NaN, p > 1).
    if (error instanceof ValidationError)
      return problem('model-failed', `the model's output cannot be scored: ${error.message}`);
    throw error;
  }
}
