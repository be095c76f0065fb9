import { ValidationError } from '@ledger/contracts';
import type { TensorSpec, WireData } from '../runtime/replica-protocol';
import { TYPED_ARRAYS } from '../runtime/warm-up.domain';

// The Open Inference Protocol's datatype names for onnxruntime's element types.
const OIP_BY_ORT: Record<string, string> = {
  bool: 'BOOL',
  uint8: 'UINT8',
  uint16: 'UINT16',
  uint32: 'UINT32',
  uint64: 'UINT64',
  int8: 'INT8',
  int16: 'INT16',
  int32: 'INT32',
  int64: 'INT64',
  float16: 'FP16',
  float32: 'FP32',
  float64: 'FP64',
  string: 'BYTES',
};

export const oipDatatype = (ortType: string | null): string => (ortType && OIP_BY_ORT[ortType]) || 'UNSUPPORTED';

/** A model's declared shape as OIP states it: a symbolic (free) dimension is -1. */
export const oipShape = (spec: TensorSpec): number[] =>
  (spec.shape ?? []).map((d) => (typeof d === 'number' && d >= 0 ? d : -1));

/** Flattens nested arrays (row-major); OIP clients send either form. */
export function flatten(data: unknown, what: string): unknown[] {
  if (!Array.isArray(data)) throw new ValidationError(`${what}: data must be an array`);
  return data.some(Array.isArray) ? (data.flat(Infinity) as unknown[]) : data;
}

/** The values of one tensor converted to the element type the model takes; names the first bad one. */
export function toTypedData(values: readonly unknown[], ortType: string, what: string): WireData {
  const bad = (i: number, want: string) =>
    new ValidationError(`${what}: element ${i} is ${JSON.stringify(values[i])}, not ${want}`);
  if (ortType === 'string') {
    const i = values.findIndex((v) => typeof v !== 'string');
    if (i >= 0) throw bad(i, 'a string');
    return values as string[];
  }
  if (ortType === 'bool') {
    const i = values.findIndex((v) => typeof v !== 'boolean');
    if (i >= 0) throw bad(i, 'a boolean');
    return Uint8Array.from(values as boolean[], (v) => (v ? 1 : 0));
  }
  const Typed = TYPED_ARRAYS[ortType];
  if (!Typed) throw new ValidationError(`${what}: the model takes ${ortType}, which this server cannot feed`);
  const integral = ortType.includes('int');
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(i, 'a number');
    if (integral && !Number.isSafeInteger(v)) throw bad(i, 'an integer');
  }
  if (ortType === 'int64' || ortType === 'uint64') {
    const data = new Typed(values.length) as BigInt64Array | BigUint64Array;
    values.forEach((v, i) => (data[i] = BigInt(v as number)));
    return data;
  }
  const data = new Typed(values.length) as Float32Array;
  data.set(values as number[]);
  return data;
}

/** Plain JSON numbers, booleans or strings from an output tensor. */
export function toJsonValues(data: WireData, ortType: string): (number | boolean | string)[] {
  if (ortType === 'bool') return Array.from(data as ArrayLike<number>, (v) => v !== 0);
  if (Array.isArray(data)) return data;
  return Array.from(data as ArrayLike<number | bigint>, Number);
}

/**
 * Checks a request's shape against the model's declared one: same rank, fixed dimensions equal.
 * Answers the number of elements.
 */
export function checkShape(shape: unknown, spec: TensorSpec, what: string): number {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0))
    throw new ValidationError(`${what}: shape must be an array of non-negative integers`);
  const declared = oipShape(spec);
  if (shape.length !== declared.length)
    throw new ValidationError(
      `${what}: shape [${shape.join(', ')}] has rank ${shape.length}; the model takes [${declared.join(', ')}]`,
    );
  const fixed = declared.findIndex((d, i) => d >= 0 && d !== shape[i]);
  if (fixed >= 0)
    throw new ValidationError(
      `${what}: shape [${shape.join(', ')}] does not fit the model's [${declared.join(', ')}] (dimension ${fixed})`,
    );
  return (shape as number[]).reduce((n, d) => n * d, 1);
}
