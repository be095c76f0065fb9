import { batchKey, concatFeeds, rowsOf, splitOutputs } from './batch.domain';
import type { WireFeeds } from './replica-protocol';
import { warmUpFeeds } from './warm-up.domain';

const request = (rows: number[][]): WireFeeds => ({
  x: { type: 'float32', data: Float32Array.from(rows.flat()), dims: [rows.length, rows[0].length] },
});

describe('batching requests to one version', () => {
  it('shares a batch only between requests feeding the same inputs, types and row shape', () => {
    expect(batchKey(request([[1, 2]]))).toBe(
      batchKey(
        request([
          [3, 4],
          [5, 6],
        ]),
      ),
    );
    expect(batchKey(request([[1, 2]]))).not.toBe(batchKey(request([[1, 2, 3]])));
    expect(batchKey({ x: { ...request([[1]]).x, type: 'float64' } })).not.toBe(batchKey(request([[1]])));
  });

  it('stacks the requests row by row and splits the outputs back in the same order', () => {
    const batch = concatFeeds([
      request([[1, 2]]),
      request([
        [3, 4],
        [5, 6],
      ]),
    ]);
    expect(batch.x.dims).toEqual([3, 2]);
    expect([...batch.x.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rowsOf(batch)).toBe(3);
    const outputs: WireFeeds = {
      label: { type: 'int64', data: BigInt64Array.of(1n, 0n, 1n), dims: [3] },
      p: { type: 'float32', data: Float32Array.of(0.1, 0.9, 0.8, 0.2, 0.3, 0.7), dims: [3, 2] },
    };
    const [first, second] = splitOutputs(outputs, [1, 2])!;
    expect(first.label).toEqual({ type: 'int64', data: BigInt64Array.of(1n), dims: [1] });
    expect([...second.p.data]).toEqual([...Float32Array.of(0.8, 0.2, 0.3, 0.7)]);
    expect(second.p.dims).toEqual([2, 2]);
  });

  it('stacks string tensors too', () => {
    const s = (v: string[]): WireFeeds => ({ s: { type: 'string', data: v, dims: [v.length, 1] } });
    expect(concatFeeds([s(['a']), s(['b', 'c'])]).s).toEqual({ type: 'string', data: ['a', 'b', 'c'], dims: [3, 1] });
  });

  it('will not split outputs that are not row-aligned with the batch', () => {
    const total: WireFeeds = { sum: { type: 'float32', data: Float32Array.of(6), dims: [1] } };
    expect(splitOutputs(total, [1, 2])).toBeUndefined();
  });

  it('warms a model up with one row of zeros per input, free dimensions taken as 1', () => {
    const feeds = warmUpFeeds({
      inputs: [
        { name: 'x', isTensor: true, type: 'float32', shape: ['N', 8] },
        { name: 'id', isTensor: true, type: 'int64', shape: [-1, 1] },
        { name: 'city', isTensor: true, type: 'string', shape: ['', 1] },
      ],
      outputs: [],
    });
    expect(feeds.x).toEqual({ type: 'float32', data: new Float32Array(8), dims: [1, 8] });
    expect(feeds.id.data).toEqual(new BigInt64Array(1));
    expect(feeds.city.data).toEqual(['']);
  });
});
