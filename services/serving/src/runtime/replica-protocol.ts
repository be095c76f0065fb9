// What a replica's worker thread and the main thread say to each other. Only types and plain
// data: the worker imports nothing heavier than onnxruntime-node, so a replica starts fast.

/** Element types by onnxruntime's names (float32, int64, string, bool, …). */
export type WireData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | string[]
  | boolean[];

/** A dense row-major tensor as it crosses the thread boundary. */
export interface WireTensor {
  type: string;
  data: WireData;
  dims: number[];
}

export type WireFeeds = Record<string, WireTensor>;

/** One input or output of the model as onnxruntime reports it; a symbolic dimension is a string (or ''). */
export interface TensorSpec {
  name: string;
  isTensor: boolean;
  type: string | null;
  shape: (number | string)[] | null;
}

export interface ModelSignature {
  inputs: TensorSpec[];
  outputs: TensorSpec[];
}

export type ToReplica = { kind: 'load'; bytes: Uint8Array } | { kind: 'run'; id: number; feeds: WireFeeds };

export type FromReplica =
  | { kind: 'ready'; model: ModelSignature; threadId: number }
  | { kind: 'load-failed'; message: string }
  | { kind: 'result'; id: number; outputs: WireFeeds; threadId: number }
  | { kind: 'run-failed'; id: number; message: string };
