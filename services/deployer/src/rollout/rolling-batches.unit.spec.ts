import { RollingStrategySchema } from '@ledger/contracts';
import { Replicas, rollingBatch, rollingWeight } from './rolling-batches.domain';

const strategy = (maxSurge: number, maxUnavailable: number) =>
  RollingStrategySchema.parse({ kind: 'rolling', maxSurge, maxUnavailable });

function batches(maxSurge: number, maxUnavailable: number, desired: number, old: number): Replicas[] {
  const seen: Replicas[] = [];
  let current = { new: 0, old };
  while (current.old > 0 || current.new < desired) {
    current = rollingBatch(strategy(maxSurge, maxUnavailable), desired, current);
    seen.push(current);
  }
  return seen;
}

describe('rolling batches', () => {
  it('with surge 1 and none unavailable, adds one new replica before each old one goes', () => {
    expect(batches(1, 0, 3, 3)).toEqual([
      { new: 1, old: 3 },
      { new: 2, old: 2 },
      { new: 3, old: 1 },
      { new: 3, old: 0 },
    ]);
  });

  it('with no surge and one unavailable, takes an old replica down before each new one', () => {
    expect(batches(0, 1, 3, 3)).toEqual([
      { new: 1, old: 2 },
      { new: 2, old: 1 },
      { new: 3, old: 0 },
    ]);
  });

  it.each([
    [1, 0, 5, 3],
    [2, 1, 4, 4],
    [0, 2, 3, 5],
    [3, 0, 1, 1],
  ])(
    'surge %i, unavailable %i: from %i… never exceeds desired + surge, never drops below desired - unavailable',
    (s, u, desired, old) => {
      for (const batch of batches(s, u, desired, old)) {
        expect(batch.old + batch.new).toBeLessThanOrEqual(Math.max(desired + s, old + 1));
        expect(batch.old + batch.new).toBeGreaterThanOrEqual(Math.min(desired - u, old));
      }
      expect(batches(s, u, desired, old).at(-1)).toEqual({ new: desired, old: 0 });
    },
  );

  it('weights traffic by ready replicas, never 0 or 100 while both serve', () => {
    expect(rollingWeight(1, 3)).toBe(25);
    expect(rollingWeight(1, 300)).toBe(1);
    expect(rollingWeight(300, 1)).toBe(99);
  });
});
