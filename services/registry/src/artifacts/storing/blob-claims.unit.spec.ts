import { Slots } from './blob-claims';

describe('blob claims: lock sessions', () => {
  it('hands out at most the given number of slots, in order, each released once', async () => {
    const slots = new Slots(1);
    const first = await slots.take();
    const seen: string[] = [];
    const second = slots.take().then((release) => (seen.push('second'), release));
    const third = slots.take().then((release) => (seen.push('third'), release));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);

    first();
    first();
    (await second)();
    await new Promise((resolve) => setImmediate(resolve));
    // The second release of `first` gave nothing away: third got the slot only from second.
    expect(seen).toEqual(['second', 'third']);
    (await third)();
    // Every slot is back: one can be taken without waiting.
    await slots.take();
  });
});
