import { UnavailableError } from '@ledger/contracts';
import { Batch, Outcome, StreamBatches } from './stream-batches';

type Items = [string, number[]][];

/** A runner whose batches finish only when the test says so. */
function controlledRunner() {
  const calls: { items: Items; finish: (outcomes?: Map<string, Outcome<string>[]>) => void }[] = [];
  const run = (batch: Batch<number>) =>
    new Promise<Map<string, Outcome<string>[]>>((resolve) => {
      const items: Items = [...batch];
      const echo = () =>
        new Map(items.map(([s, list]) => [s, list.map((i): Outcome<string> => ({ ok: true, value: `${s}:${i}` }))]));
      calls.push({ items, finish: (outcomes) => resolve(outcomes ?? echo()) });
    });
  return { calls, run };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const options = (maxBatch = 10, maxInFlight = 1) => ({ maxBatch, maxInFlight });

describe('StreamBatches (group commit)', () => {
  it('runs the first item at once and the items that arrived meanwhile as one batch, in order', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, options());
    const first = batches.submit('s', 1);
    const later = [2, 3, 4].map((i) => batches.submit('s', i));
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[['s', [1]]]]);
    calls[0].finish();
    expect(await first).toBe('s:1');
    await tick();
    expect(calls.map((c) => c.items)).toEqual([[['s', [1]]], [['s', [2, 3, 4]]]]);
    calls[1].finish();
    expect(await Promise.all(later)).toEqual(['s:2', 's:3', 's:4']);
    expect(batches.activeStreams).toBe(0);
  });

  it('puts waiting items of several streams in one batch, oldest stream first, capped at maxBatch', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, options(3));
    const all = [
      batches.submit('a', 1),
      batches.submit('b', 1),
      batches.submit('a', 2),
      batches.submit('c', 1),
      batches.submit('b', 2),
    ];
    await tick();
    calls[0].finish();
    await tick();
    expect(calls[1].items).toEqual([
      ['b', [1, 2]],
      ['a', [2]],
    ]);
    calls[1].finish();
    await tick();
    expect(calls[2].items).toEqual([['c', [1]]]);
    calls[2].finish();
    expect(await Promise.all(all)).toEqual(['a:1', 'b:1', 'a:2', 'c:1', 'b:2']);
  });

  it('runs up to maxInFlight batches at once, but never one stream in two of them', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, options(10, 2));
    const all = [batches.submit('a', 1), batches.submit('a', 2), batches.submit('b', 1), batches.submit('c', 1)];
    await tick();
    // a:1 and b:1 each found a free slot; a:2 and c:1 wait.
    expect(calls.map((c) => c.items)).toEqual([[['a', [1]]], [['b', [1]]]]);
    calls[1].finish();
    await tick();
    // The freed slot takes c, not a: a is still running.
    expect(calls[2].items).toEqual([['c', [1]]]);
    calls[0].finish();
    await tick();
    expect(calls[3].items).toEqual([['a', [2]]]);
    calls[2].finish();
    calls[3].finish();
    expect(await Promise.all(all)).toEqual(['a:1', 'a:2', 'b:1', 'c:1']);
  });

  it('gives each item its own outcome, and every item the error when the whole run throws', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, options());
    const first = batches.submit('s', 1);
    const pair = [batches.submit('s', 2), batches.submit('s', 3)].map((p) =>
      p.then(String, (e: Error) => `refused: ${e.message}`),
    );
    await tick();
    calls[0].finish(new Map([['s', [{ ok: false, error: new Error('no') }]]]));
    await expect(first).rejects.toThrow('no');
    await tick();
    calls[1].finish(new Map([['s', [{ ok: true, value: 'two' }]]])); // one outcome short: a bug, not a silent success
    expect(await Promise.all(pair)).toEqual(['two', 'refused: no outcome for item 1 of stream s in its batch']);
    const failing = new StreamBatches(() => Promise.reject(new Error('database down')), options());
    await expect(failing.submit('s', 1)).rejects.toThrow('database down');
  });

  it('refuses at once, as unavailable, when maxWaiting items already wait; a freed place takes the next', async () => {
    const { calls, run } = controlledRunner();
    const batches = new StreamBatches(run, { maxBatch: 10, maxInFlight: 1, maxWaiting: 2 });
    const running = batches.submit('a', 1); // taken at once: it does not wait
    const waiting = [batches.submit('a', 2), batches.submit('b', 1)];
    await expect(batches.submit('c', 1)).rejects.toBeInstanceOf(UnavailableError);
    await tick();
    calls[0].finish();
    await tick(); // a:2 and b:1 now run: nothing waits
    const later = batches.submit('c', 1);
    calls[1].finish();
    await tick();
    calls[2].finish();
    expect(await Promise.all([running, ...waiting, later])).toEqual(['a:1', 'a:2', 'b:1', 'c:1']);
  });
});
