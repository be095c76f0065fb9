import { countMissing } from './model-inputs.domain';
import { DatasetColumns, Outcome, problem } from './reevaluation-problem.domain';

/**
 * The label column as 1 (positive) / 0. Binary classification only: a third distinct value is
 * refused rather than folded into the negative class. Text labels compare with the positive
 * label as text ("yes", or "1" for a label column read as text).
 */
export function binaryLabels(
  columns: DatasetColumns,
  name: string,
  positiveLabel: number | string,
): Outcome<{ labels: Uint8Array }> {
  const column = columns.get(name);
  if (column === undefined) return problem('missing-column', `the dataset has no label column "${name}"`, name);
  const labels = new Uint8Array(column.length);
  const seen = new Set<number | string>();
  const positive = column instanceof Float64Array ? Number(positiveLabel) : String(positiveLabel);
  for (let i = 0; i < column.length; i++) {
    const value = column[i];
    if (value === null || (typeof value === 'number' && Number.isNaN(value))) {
      return problem('missing-values', `the label column "${name}" has a missing value (row ${i})`, name);
    }
    if (seen.size < 3) seen.add(value);
    labels[i] = value === positive ? 1 : 0;
  }
  if (seen.size > 2) {
    return problem(
      'labels-not-binary',
      `the label column "${name}" holds more than two classes (${[...seen].join(', ')}, …)`,
      name,
    );
  }
  return { ok: true, labels };
}

/** The target column of a regression, numbers with none missing. */
export function numericTarget(columns: DatasetColumns, name: string): Outcome<{ target: Float64Array }> {
  const column = columns.get(name);
  if (column === undefined) return problem('missing-column', `the dataset has no target column "${name}"`, name);
  if (!(column instanceof Float64Array)) {
    return problem('wrong-column-type', `the target column "${name}" holds text, a regression needs numbers`, name);
  }
  const missing = countMissing(column);
  if (missing > 0) return problem('missing-values', `the target column "${name}" has ${missing} missing values`, name);
  return { ok: true, target: column };
}
