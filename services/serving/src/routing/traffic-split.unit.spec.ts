import type { TrafficTable } from '@ledger/contracts';
import { bucketOfDraw, bucketOfKey, chooseVersion, evenDraw, versionForBucket } from './traffic-split.domain';

const table = (routes: [number, number][], stickyHeader?: string): TrafficTable => ({
  routes: routes.map(([version, weight]) => ({ version, weight })),
  ...(stickyHeader ? { stickyHeader } : {}),
});
const keys = Array.from({ length: 20_000 }, (_, i) => `customer-${i}`);
const share = (chosen: number[], version: number) => chosen.filter((v) => v === version).length / chosen.length;

describe('splitting traffic between versions', () => {
  it('sends each version its weight of random requests', () => {
    const split = table([
      [1, 90],
      [2, 10],
    ]);
    const draws = Array.from({ length: 10_000 }, (_, i) => (i + 0.5) / 10_000);
    const chosen = draws.map((d) => chooseVersion(split, undefined, d));
    expect(share(chosen, 1)).toBeCloseTo(0.9, 2);
    expect(share(chosen, 2)).toBeCloseTo(0.1, 2);
  });

  it('spreads sticky keys over the split within 1.5 points of each weight', () => {
    const split = table(
      [
        [3, 50],
        [4, 30],
        [5, 20],
      ],
      'X-Customer',
    );
    const chosen = keys.map((k) => chooseVersion(split, k, 0));
    expect(Math.abs(share(chosen, 3) - 0.5)).toBeLessThan(0.015);
    expect(Math.abs(share(chosen, 4) - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(share(chosen, 5) - 0.2)).toBeLessThan(0.015);
  });

  it('keeps a sticky key on one version whatever the draw, while the table is unchanged', () => {
    const split = table(
      [
        [1, 50],
        [2, 50],
      ],
      'X-Customer',
    );
    for (const key of keys.slice(0, 200)) {
      const versions = new Set([0, 0.3, 0.6, 0.99].map((draw) => chooseVersion(split, key, draw)));
      expect(versions.size).toBe(1);
    }
  });

  it('ignores the key when the table names no sticky header', () => {
    const split = table([
      [1, 50],
      [2, 50],
    ]);
    expect(chooseVersion(split, 'customer-1', 0.1)).toBe(1);
    expect(chooseVersion(split, 'customer-1', 0.9)).toBe(2);
  });

  it('moves only the keys it must when a canary grows from 10 to 50 percent: stable to canary, never back', () => {
    const before = table(
      [
        [1, 90],
        [2, 10],
      ],
      'X-Customer',
    );
    const after = table(
      [
        [1, 50],
        [2, 50],
      ],
      'X-Customer',
    );
    const moved = keys.filter((k) => chooseVersion(before, k, 0) !== chooseVersion(after, k, 0));
    expect(moved.every((k) => chooseVersion(before, k, 0) === 1 && chooseVersion(after, k, 0) === 2)).toBe(true);
    expect(Math.abs(moved.length / keys.length - 0.4)).toBeLessThan(0.015);
  });

  it('routes the same whatever the order of the routes, and skips versions weighted 0', () => {
    const a = table([
      [2, 0],
      [7, 60],
      [1, 40],
    ]);
    const b = table([
      [1, 40],
      [7, 60],
      [2, 0],
    ]);
    for (let bucket = 0; bucket < 100; bucket++) expect(versionForBucket(a, bucket)).toBe(versionForBucket(b, bucket));
    expect(versionForBucket(a, 0)).toBe(1);
    expect(versionForBucket(a, 39)).toBe(1);
    expect(versionForBucket(a, 40)).toBe(7);
  });

  it('hashes a key to a stable bucket and a draw to its percent', () => {
    expect(bucketOfKey('customer-42')).toBe(bucketOfKey('customer-42'));
    expect(bucketOfKey('')).toBe(0x811c9dc5 % 100);
    expect([bucketOfDraw(0), bucketOfDraw(0.999999), bucketOfDraw(0.5)]).toEqual([0, 99, 50]);
  });
});

describe('the even draw sequence', () => {
  it('splits every run of consecutive requests within two of the weights', () => {
    const split = table([
      [1, 90],
      [2, 10],
    ]);
    for (const [start, length] of [
      [1, 20],
      [7, 50],
      [1000, 100],
      [31, 333],
    ]) {
      const canary = Array.from({ length }, (_, i) => chooseVersion(split, undefined, evenDraw(start + i))).filter(
        (v) => v === 2,
      ).length;
      expect(Math.abs(canary - length * 0.1)).toBeLessThanOrEqual(2);
    }
  });
});
