import type { WireData, WireFeeds, WireTensor } from './replica-protocol';
import { TYPED_ARRAYS } from './warm-up.domain';

/**
 * Requests can share a batch when they feed the same inputs with the same element types and the
 * same shape past the first (row) dimension: this key says so.
 */
export function batchKey(feeds: WireFeeds): string {
  return Object.keys(feeds)
    .sort()
    .map((name) => `${name}:${feeds[name].type}:${feeds[name].dims.slice(1).join('x')}`)
    .join('|');
}

/** Rows of a request: the first dimension of its inputs (they agree once checked). */
export const rowsOf = (feeds: WireFeeds): number => Object.values(feeds)[0]?.dims[0] ?? 0;

/** Stacks the requests' inputs along the row dimension, in order. */
export function concatFeeds(requests: readonly WireFeeds[]): WireFeeds {
  const merged: WireFeeds = {};
  for (const name of Object.keys(requests[0])) {
    const parts = requests.map((r) => r[name]);
    const rows = parts.reduce((n, p) => n + p.dims[0], 0);
    merged[name] = { type: parts[0].type, data: concatData(parts), dims: [rows, ...parts[0].dims.slice(1)] };
  }
  return merged;
}

/**
 * Splits a batch's outputs back into each request's rows; undefined when some output is not
 * row-aligned with the batch (its first dimension is not the batch's rows), so it cannot be split.
 */
export function splitOutputs(outputs: WireFeeds, rows: readonly number[]): WireFeeds[] | undefined {
  const total = rows.reduce((n, r) => n + r, 0);
  if (Object.values(outputs).some((o) => o.dims[0] !== total)) return undefined;
  const parts: WireFeeds[] = rows.map(() => ({}));
  for (const [name, output] of Object.entries(outputs)) {
    const width = output.dims.slice(1).reduce((n, d) => n * d, 1);
    let start = 0;
    rows.forEach((r, i) => {
      parts[i][name] = {
        type: output.type,
        data: output.data.slice(start * width, (start + r) * width) as WireData,
        dims: [r, ...output.dims.slice(1)],
      };
      start += r;
    });
  }
  return parts;
}

function concatData(parts: readonly WireTensor[]): WireData {
  const size = parts.reduce((n, p) => n + p.data.length, 0);
  const Typed = TYPED_ARRAYS[parts[0].type];
  if (!Typed) return parts.flatMap((p) => [...(p.data as unknown[])]) as WireData;
  const data = new Typed(size);
  let offset = 0;
  for (const p of parts) {
    (data as { set(values: ArrayLike<unknown>, offset: number): void }).set(p.data as ArrayLike<unknown>, offset);
    offset += p.data.length;
  }
  return data;
}
