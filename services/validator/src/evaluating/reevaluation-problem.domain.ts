/**
 * Why a model could not be re-evaluated on a dataset. Each becomes a check outcome: a file that
 * is not an ONNX model (a pickled MLflow model) or a dataset with no rows leaves the question
 * open (`inconclusive`); anything broken — model or data — is an `error`. Never a silent pass.
 */
export type ReevaluationReason =
  | 'not-onnx'
  | 'unreadable-model'
  | 'unsupported-model'
  | 'model-failed'
  | 'no-rows'
  | 'missing-column'
  | 'wrong-column-type'
  | 'missing-values'
  | 'column-lengths-differ'
  | 'features-undeclared'
  | 'labels-not-binary';

export interface ReevaluationProblem {
  readonly outcome: 'error' | 'inconclusive';
  readonly reason: ReevaluationReason;
  readonly message: string;
  /** The dataset column at fault, when one is. */
  readonly column?: string;
}

export type Outcome<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly problem: ReevaluationProblem };

const INCONCLUSIVE: ReadonlySet<ReevaluationReason> = new Set(['not-onnx', 'no-rows']);

export function problem(
  reason: ReevaluationReason,
  message: string,
  column?: string,
): { ok: false; problem: ReevaluationProblem } {
  const outcome = INCONCLUSIVE.has(reason) ? 'inconclusive' : 'error';
  return { ok: false, problem: { outcome, reason, message, ...(column === undefined ? {} : { column }) } };
}

/** A dataset as columns: numbers (NaN where a value is missing) or text (null where missing). */
export type DatasetColumn = Float64Array | readonly (string | null)[];
export type DatasetColumns = ReadonlyMap<string, DatasetColumn>;
