import type { ModelSignature, WireData, WireFeeds } from './replica-protocol';

/**
 * The warm-up feeds of a model: one row of zeros (or empty strings, false) for every input,
 * symbolic dimensions taken as 1. A model that cannot answer these is not served.
 */
export function warmUpFeeds(model: ModelSignature): WireFeeds {
  const feeds: WireFeeds = {};
  for (const input of model.inputs) {
    if (!input.isTensor || !input.type || !input.shape) throw new Error(`input "${input.name}" is not a tensor`);
    const dims = input.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : 1));
    const size = dims.reduce((n, d) => n * d, 1);
    feeds[input.name] = { type: input.type, data: zeros(input.type, size), dims };
  }
  return feeds;
}

/** A zero-filled array of `size` elements of an onnxruntime element type. */
export function zeros(type: string, size: number): WireData {
  const Typed = TYPED_ARRAYS[type];
  if (Typed) return new Typed(size);
  if (type === 'string') return Array.from({ length: size }, () => '');
  if (type === 'bool') return new Uint8Array(size);
  throw new Error(`element type ${type} is not supported`);
}

type TypedConstructor = new (size: number) => Exclude<WireData, string[] | boolean[]>;

export const TYPED_ARRAYS: Record<string, TypedConstructor> = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  uint8: Uint8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int64: BigInt64Array,
  uint64: BigUint64Array,
};
