import type { Signature } from '@ledger/contracts';
import { ValidationError } from '@ledger/contracts';
import type { ModelSignature, TensorSpec, WireFeeds } from '../runtime/replica-protocol';
import { checkRows } from './v2-request.domain';
import { oipShape, toTypedData } from './tensor-data.domain';

/**
 * The column names of a model's one [N, k] input, in order: from the version's signature when
 * it lists k named columns (an MLflow column-based signature), else none.
 */
export function columnNames(model: ModelSignature, signature: Signature | null): string[] | null {
  const width = model.inputs.length === 1 ? oipShape(model.inputs[0])[1] : undefined;
  const names = signature?.inputs.map((s) => s.name);
  if (!names || names.length !== width || names.some((n) => n === undefined)) return null;
  return names as string[];
}

/**
 * KServe v1 / TF Serving row format, `{ "instances": [...] }`, as the model's feeds. A model
 * with one [N, k] input takes rows of k numbers, or objects keyed by the signature's column
 * names; a model with one input per column takes objects keyed by input name.
 */
export function parseInstances(
  body: unknown,
  model: ModelSignature,
  signature: Signature | null,
  maxRows: number,
): WireFeeds {
  const instances = (body as { instances?: unknown } | null)?.instances;
  if (typeof body !== 'object' || body === null || !Array.isArray(instances) || instances.length === 0)
    throw new ValidationError('instances: must be a non-empty array of rows');
  if (instances.length > maxRows)
    throw new ValidationError(`${instances.length} rows is more than the ${maxRows} one request may carry`);
  const feeds =
    model.inputs.length === 1
      ? { [model.inputs[0].name]: matrix(instances, model.inputs[0], columnNames(model, signature)) }
      : perColumn(instances, model.inputs);
  checkRows(feeds, maxRows);
  return feeds;
}

function matrix(instances: unknown[], spec: TensorSpec, columns: string[] | null): WireFeeds[string] {
  const declared = oipShape(spec);
  if (declared.length !== 2 || declared[1] < 0)
    throw new ValidationError(
      `the model's input "${spec.name}" is [${declared.join(', ')}], not rows of fixed width: use the v2 protocol`,
    );
  const width = declared[1];
  const values = instances.flatMap((row, i) => rowValues(row, i, width, columns));
  return { type: spec.type!, data: toTypedData(values, spec.type!, 'instances'), dims: [instances.length, width] };
}

function rowValues(row: unknown, i: number, width: number, columns: string[] | null): unknown[] {
  if (Array.isArray(row)) {
    if (row.length !== width)
      throw new ValidationError(`instances[${i}]: ${row.length} values; the model takes ${width}`);
    return row;
  }
  if (typeof row !== 'object' || row === null)
    throw new ValidationError(`instances[${i}]: must be an array of ${width} values or an object`);
  if (!columns)
    throw new ValidationError(
      `instances[${i}]: the version's signature names no columns; send arrays of ${width} values`,
    );
  const record = row as Record<string, unknown>;
  const missing = columns.filter((c) => !(c in record));
  const unknown = Object.keys(record).filter((k) => !columns.includes(k));
  if (missing.length > 0) throw new ValidationError(`instances[${i}]: missing column(s) ${missing.join(', ')}`);
  if (unknown.length > 0)
    throw new ValidationError(
      `instances[${i}]: unknown column(s) ${unknown.join(', ')}; the model takes ${columns.join(', ')}`,
    );
  return columns.map((c) => record[c]);
}

function perColumn(instances: unknown[], inputs: readonly TensorSpec[]): WireFeeds {
  const names = inputs.map((s) => s.name);
  instances.forEach((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new ValidationError(
        `instances[${i}]: the model takes named inputs (${names.join(', ')}); send objects keyed by them`,
      );
    const missing = names.filter((n) => !(n in row));
    if (missing.length > 0) throw new ValidationError(`instances[${i}]: missing input(s) ${missing.join(', ')}`);
  });
  const feeds: WireFeeds = {};
  for (const spec of inputs) {
    const declared = oipShape(spec);
    if (declared.length !== 2 || declared[1] !== 1)
      throw new ValidationError(`the model's input "${spec.name}" is not one column: use the v2 protocol`);
    const values = instances.map((row) => (row as Record<string, unknown>)[spec.name]);
    feeds[spec.name] = {
      type: spec.type!,
      data: toTypedData(values, spec.type!, `instances: "${spec.name}"`),
      dims: [instances.length, 1],
    };
  }
  return feeds;
}
