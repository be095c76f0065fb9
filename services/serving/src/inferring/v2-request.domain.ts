import { ValidationError } from '@ledger/contracts';
import type { ModelSignature, WireFeeds } from '../runtime/replica-protocol';
import { checkShape, flatten, oipDatatype, toTypedData } from './tensor-data.domain';

export interface ParsedInference {
  feeds: WireFeeds;
  rows: number;
  /** Outputs the caller asked for, in its order; null: all of them. */
  outputs: string[] | null;
  id: string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An Open Inference Protocol v2 request checked against the model: every input named once and
 * known, datatypes as the model declares them, shapes that fit, data as long as the shape says,
 * the same rows in every input, at most `maxRows`, and only outputs the model has.
 */
export function parseV2Request(body: unknown, model: ModelSignature, maxRows: number): ParsedInference {
  if (!isObject(body)) throw new ValidationError('request body must be a JSON object with "inputs"');
  if (!Array.isArray(body.inputs) || body.inputs.length === 0)
    throw new ValidationError('inputs: must be a non-empty array of tensors ({ name, shape, datatype, data })');
  if (body.id !== undefined && typeof body.id !== 'string') throw new ValidationError('id: must be a string');
  const feeds: WireFeeds = {};
  for (const [i, input] of body.inputs.entries()) {
    if (!isObject(input) || typeof input.name !== 'string') throw new ValidationError(`inputs[${i}]: must have a name`);
    const what = `input "${input.name}"`;
    const spec = model.inputs.find((s) => s.name === input.name);
    if (!spec)
      throw new ValidationError(
        `${what}: the model has no such input; it takes ${model.inputs.map((s) => `"${s.name}"`).join(', ')}`,
      );
    if (feeds[input.name]) throw new ValidationError(`${what}: given more than once`);
    const datatype = oipDatatype(spec.type);
    if (input.datatype !== datatype)
      throw new ValidationError(`${what}: datatype ${JSON.stringify(input.datatype)}; the model takes ${datatype}`);
    const size = checkShape(input.shape, spec, what);
    const values = flatten(input.data, what);
    if (values.length !== size)
      throw new ValidationError(
        `${what}: ${values.length} values for shape [${(input.shape as number[]).join(', ')}] (${size} expected)`,
      );
    feeds[input.name] = {
      type: spec.type!,
      data: toTypedData(values, spec.type!, what),
      dims: input.shape as number[],
    };
  }
  const missing = model.inputs.filter((s) => !feeds[s.name]);
  if (missing.length > 0)
    throw new ValidationError(`missing input(s): ${missing.map((s) => `"${s.name}"`).join(', ')}`);
  return { feeds, rows: checkRows(feeds, maxRows), outputs: requestedOutputs(body.outputs, model), id: body.id };
}

/** The rows of a request: the first dimension, the same for every input. */
export function checkRows(feeds: WireFeeds, maxRows: number): number {
  const rows = new Set(Object.values(feeds).map((f) => f.dims[0]));
  if (rows.size > 1) throw new ValidationError(`inputs disagree on the number of rows (${[...rows].join(', ')})`);
  const [count] = rows;
  if (count === 0) throw new ValidationError('inputs hold no rows');
  if (count > maxRows) throw new ValidationError(`${count} rows is more than the ${maxRows} one request may carry`);
  return count;
}

function requestedOutputs(outputs: unknown, model: ModelSignature): string[] | null {
  if (outputs === undefined) return null;
  if (!Array.isArray(outputs)) throw new ValidationError('outputs: must be an array of { name }');
  return outputs.map((o, i) => {
    const name = isObject(o) ? o.name : undefined;
    if (typeof name !== 'string' || !model.outputs.some((s) => s.name === name && s.isTensor))
      throw new ValidationError(
        `outputs[${i}]: the model has no output ${JSON.stringify(name)}; it has ${model.outputs.map((s) => `"${s.name}"`).join(', ')}`,
      );
    return name;
  });
}
