import { Backoff } from './wake-up';

describe('backoff of a failing loop', () => {
  it('doubles from the minimum to the cap, and starts over after a success', () => {
    const middle = new Backoff(500, 5_000, () => 0.5); // no jitter at the middle of the range
    expect([1, 2, 3, 4, 5, 6].map(() => middle.next())).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    middle.reset();
    expect(middle.next()).toBe(500);
  });

  it('jitters each wait by at most a quarter either way, so loops that failed together drift apart', () => {
    expect(new Backoff(1_000, 5_000, () => 0).next()).toBe(750);
    expect(new Backoff(1_000, 5_000, () => 0.999999).next()).toBe(1_250);
  });
});
