// The request bodies and the answer each inference protocol gives, for one row of features.

/** OIP v2 (`POST /v2/models/{name}/infer`: ours, MLServer), KServe v1 (`:predict`), MLflow's /invocations. */
export type ServingProtocol = 'oip-v2' | 'kserve-v1' | 'mlflow';

/** One row as an OIP v2 tensor [1, n], named as classifier.onnx names its input. */
export function oipV2Body(row: readonly number[], input = 'float_input'): unknown {
  return { inputs: [{ name: input, shape: [1, row.length], datatype: 'FP32', data: [...row] }] };
}

export function kserveV1Body(row: readonly number[]): unknown {
  return { instances: [[...row]] };
}

/** MLflow's scoring server, for a model with a tensor signature [-1, n]: {"inputs": [[row]]}. */
export function mlflowBody(row: readonly number[]): unknown {
  return { inputs: [[...row]] };
}

/** OIP output names holding the predicted class: ours (skl2onnx's) and MLServer's sklearn runtime. */
const OIP_LABEL_OUTPUTS = ['label', 'predict'];

/** The predicted class of the first row of an answer, or undefined when the answer holds none. */
export function labelOf(protocol: ServingProtocol, answer: unknown): number | undefined {
  if (protocol === 'oip-v2') {
    const outputs = (answer as { outputs?: { name?: string; data?: unknown[] }[] })?.outputs;
    const output = outputs?.find((o) => OIP_LABEL_OUTPUTS.includes(o.name ?? '')) ?? outputs?.[0];
    return asLabel(output?.data?.[0]);
  }
  const predictions = (answer as { predictions?: unknown[] })?.predictions;
  const first = predictions?.[0];
  return asLabel(typeof first === 'object' && first !== null ? (first as { label?: unknown }).label : first);
}

function asLabel(value: unknown): number | undefined {
  const label = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof label === 'number' && Number.isFinite(label) ? label : undefined;
}
