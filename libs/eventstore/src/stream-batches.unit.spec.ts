import { Outcome, StreamBatches } from './stream-batches';

/** A runner whose batches finish only when the test says so. */
function controlledRunner() {
  const calls: { streamId: string; items: number[]; finish: (outcomes?: Outcome<string>[]) => void }[] = [];
  const run = (streamId: string, items: number[]) =>
    new Promise<Outcome<string>[]>((resolve) => {
      calls.push({ streamId, items, finish: (outcomes) => resolve(outcomes ?? items.map((i) => ({ ok: true, value: `${streamId}:${i}` }))) });
    });
  return { calls, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('StreamBatches (group commit per stream)', () => {
  it('runs the first item at once and the items that arrived meanwhile as one batch, in order', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, 10);
    const first = batches.submit('s', 1);
    const later = [2, 3, 4].map((i) => batches.submit('s', i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1]]);
    calls[0].finish();
    expect(await first).toBe('s:1');
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3, 4]]);
    calls[1].finish();
    expect(await Promise.all(later)).toEqual(['s:2', 's:3', 's:4']);
    expect(batches.activeStreams).toBe(0);
  });

  it('caps a batch at maxBatch and never lets two batches of one stream overlap', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, 2);
    const all = [1, 2, 3, 4, 5].map((i) => batches.submit('s', i));
    for (let step = 0; step < 3; step++) {
      await tick();
      expect(calls).toHaveLength(step + 1);
      calls[step].finish();
    }
    expect(calls.map((c) => c.items)).toEqual([[1], [2, 3], [4, 5]]);
    await Promise.all(all);
  });

  it('lets different streams run at the same time', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, 10);
    const a = batches.submit('a', 1);
    const b = batches.submit('b', 1);
    await tick();
    expect(calls.map((c) => c.streamId).sort()).toEqual(['a', 'b']);
    calls.forEach((c) => c.finish());
    expect(await Promise.all([a, b])).toEqual(['a:1', 'b:1']);
  });

  it('gives each item its own outcome, and every item the error when the whole run throws', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, 10);
    const first = batches.submit('s', 1);
    const pair = [batches.submit('s', 2), batches.submit('s', 3)].map((p) => p.then(String, (e: Error) => `refused: ${e.message}`));
    await tick();
    calls[0].finish([{ ok: false, error: new Error('no') }]);
    await expect(first).rejects.toThrow('no');
    await tick();
    calls[1].finish([{ ok: true, value: 'two' }]); // wrong count: a bug in the runner, not a silent success
    expect(await Promise.all(pair)).toEqual(['refused: a batch of 2 came back with 1 outcomes', 'refused: a batch of 2 came back with 1 outcomes']);
    const failing = new StreamBatches(() => Promise.reject(new Error('database down')), 10);
    await expect(failing.submit('s', 1)).rejects.toThrow('database down');
  });
});
