import { DatasetColumn, DatasetColumns, Outcome, problem } from './reevaluation-problem.domain';

/** What the model declares about one input (structurally @ledger/onnx's ValueDescription). */
export interface ModelInput {
  readonly name: string;
  readonly elementType: string | null;
  readonly shape: readonly (number | string)[] | null;
}

/** Which dataset columns feed one model input. */
export type InputFeed =
  | { readonly input: string; readonly kind: 'numeric'; readonly elementType: string; readonly columns: Float64Array[] }
  | { readonly input: string; readonly kind: 'text'; readonly column: readonly (string | null)[] };

const NUMERIC = new Set(['float32', 'float64', 'int32', 'int64']);

/**
 * Maps dataset columns to the model's inputs. An input of width 1 ([N] or [N, 1]) takes the
 * column of its own name — how skl2onnx names the inputs of a model fitted on a DataFrame. A
 * model with a single wider input ([N, k], skl2onnx's "float_input") takes the `features` columns
 * in that order: the order the model was trained on, which only its signature can tell (the
 * version's signature input names), so it must be declared, never guessed from the file.
 */
export function planInputs(
  inputs: readonly ModelInput[],
  columns: DatasetColumns,
  features?: readonly string[],
): Outcome<{ feeds: InputFeed[]; rows: number }> {
  const feeds: InputFeed[] = [];
  for (const input of inputs) {
    const byName = isWidthOne(input) && columns.has(input.name);
    const names = byName ? [input.name] : inputs.length === 1 ? features : undefined;
    if (!names || names.length === 0) {
      return isWidthOne(input)
        ? problem(
            'missing-column',
            `the dataset has no column "${input.name}" for the model input of that name`,
            input.name,
          )
        : problem(
            'features-undeclared',
            `the model input "${input.name}" takes ${describeWidth(input)} feature columns in the order it was trained on: declare them (the signature's input names)`,
          );
    }
    const feed = feedOf(input, names, columns);
    if (!feed.ok) return feed;
    feeds.push(feed.feed);
  }
  return checkRows(feeds, columns);
}

function feedOf(input: ModelInput, names: readonly string[], columns: DatasetColumns): Outcome<{ feed: InputFeed }> {
  const width = input.shape?.[1];
  if (typeof width === 'number' && width !== names.length) {
    return problem(
      'features-undeclared',
      `the model input "${input.name}" takes ${width} columns, ${names.length} declared`,
    );
  }
  const found: DatasetColumn[] = [];
  for (const name of names) {
    const column = columns.get(name);
    if (column === undefined) return problem('missing-column', `the dataset has no column "${name}"`, name);
    found.push(column);
  }
  if (input.elementType === 'string' && names.length === 1 && !(found[0] instanceof Float64Array)) {
    return { ok: true, feed: { input: input.name, kind: 'text', column: found[0] } };
  }
  if (!NUMERIC.has(input.elementType ?? '')) {
    return problem('unsupported-model', `the model input "${input.name}" is ${input.elementType ?? 'not a tensor'}`);
  }
  const numeric = numericColumns(names, found);
  return numeric.ok
    ? {
        ok: true,
        feed: { input: input.name, kind: 'numeric', elementType: input.elementType!, columns: numeric.columns },
      }
    : numeric;
}

function numericColumns(names: readonly string[], found: DatasetColumn[]): Outcome<{ columns: Float64Array[] }> {
  for (const [j, column] of found.entries()) {
    if (!(column instanceof Float64Array)) {
      return problem('wrong-column-type', `the column "${names[j]}" holds text, the model takes numbers`, names[j]);
    }
    const missing = countMissing(column);
    if (missing > 0)
      return problem('missing-values', `the column "${names[j]}" has ${missing} missing values`, names[j]);
  }
  return { ok: true, columns: found as Float64Array[] };
}

function checkRows(feeds: InputFeed[], columns: DatasetColumns): Outcome<{ feeds: InputFeed[]; rows: number }> {
  const used = feeds.flatMap((feed): DatasetColumn[] => (feed.kind === 'numeric' ? feed.columns : [feed.column]));
  const rows = used[0]?.length ?? 0;
  if (used.some((column) => column.length !== rows)) {
    const lengths = [...columns].map(([name, column]) => `${name}: ${column.length}`).join(', ');
    return problem('column-lengths-differ', `the dataset's columns differ in length (${lengths})`);
  }
  if (rows === 0) return problem('no-rows', 'the dataset has no rows to score');
  return { ok: true, feeds, rows };
}

const isWidthOne = (input: ModelInput) => input.shape !== null && (input.shape.length === 1 || input.shape[1] === 1);

const describeWidth = (input: ModelInput) => (typeof input.shape?.[1] === 'number' ? String(input.shape[1]) : 'its');

export function countMissing(column: Float64Array): number {
  let missing = 0;
  for (let i = 0; i < column.length; i++) if (Number.isNaN(column[i])) missing++;
  return missing;
}
