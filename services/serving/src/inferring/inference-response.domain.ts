import type { ModelSignature, WireFeeds } from '../runtime/replica-protocol';
import { oipDatatype, toJsonValues } from './tensor-data.domain';

export interface V2Output {
  name: string;
  shape: number[];
  datatype: string;
  data: (number | boolean | string)[];
}

/** The v2 response's outputs: those asked for (in that order), else every tensor output of the model in its order. */
export function v2Outputs(outputs: WireFeeds, model: ModelSignature, wanted: string[] | null): V2Output[] {
  const names = wanted ?? model.outputs.filter((o) => o.isTensor).map((o) => o.name);
  return names
    .filter((name) => outputs[name])
    .map((name) => {
      const t = outputs[name];
      return { name, shape: t.dims, datatype: oipDatatype(t.type), data: toJsonValues(t.data, t.type) };
    });
}

/**
 * KServe v1 / TF Serving predictions, one per row: the row's value of a model's single output
 * (a scalar, or a list for [N, k]); with several outputs an object keyed by output name.
 */
export function v1Predictions(outputs: WireFeeds, model: ModelSignature, rows: number): unknown[] {
  const tensors = v2Outputs(outputs, model, null);
  const perRow = tensors.map((t) => {
    const width = t.data.length / rows;
    return Array.from({ length: rows }, (_, i) =>
      t.shape.length <= 1 ? t.data[i] : t.data.slice(i * width, (i + 1) * width),
    );
  });
  if (tensors.length === 1) return perRow[0];
  return Array.from({ length: rows }, (_, i) => Object.fromEntries(tensors.map((t, j) => [t.name, perRow[j][i]])));
}
