import { count, emptySecond, LATENCY_BOUNDS_MS, latencyBucket, percentile, summarize } from './window-stats.domain';

const histogramOf = (latencies: number[]) => {
  const stats = emptySecond();
  for (const ms of latencies) count(stats, 'ok', ms, false);
  return stats;
};

describe('per-version statistics over a window', () => {
  it('has 0.1 ms buckets at low latencies and an open one past a minute', () => {
    expect(LATENCY_BOUNDS_MS.slice(0, 3)).toEqual([0.1, 0.2, 0.3]);
    expect(latencyBucket(0.05)).toBe(0);
    expect(LATENCY_BOUNDS_MS[latencyBucket(1.25)]).toBe(1.3);
    expect(LATENCY_BOUNDS_MS[latencyBucket(42.2)]).toBe(43);
    expect(latencyBucket(10 ** 7)).toBe(LATENCY_BOUNDS_MS.length);
  });

  it('finds p50 and p99 within a bucket of the exact values', () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => 0.5 + (i % 100) * 0.05); // 0.5 … 5.45 ms
    const stats = histogramOf(latencies);
    const exact = (q: number) => [...latencies].sort((a, b) => a - b)[Math.ceil(q * latencies.length) - 1];
    expect(Math.abs(percentile(stats.latency, 0.5)! - exact(0.5))).toBeLessThanOrEqual(0.5);
    expect(Math.abs(percentile(stats.latency, 0.99)! - exact(0.99))).toBeLessThanOrEqual(0.5);
    expect(percentile(new Map(), 0.99)).toBeNull();
  });

  it('counts errors against the version, rejected input not, and shadow copies apart', () => {
    const second = emptySecond();
    count(second, 'ok', 1, false);
    count(second, 'error', 2, false);
    count(second, 'rejected', 0, false);
    count(second, 'rejected', 0, false);
    count(second, 'error', 3, true);
    const later = histogramOf([1, 1]);
    expect(summarize(7, [second, later])).toEqual({
      version: 7,
      requests: 6,
      errors: 1,
      rejected: 2,
      errorRate: 0.25,
      p50Ms: 1,
      p99Ms: 3,
      shadowRequests: 1,
      shadowErrors: 1,
    });
  });

  it('has no error rate or latency without answered requests', () => {
    const second = emptySecond();
    count(second, 'rejected', 0, false);
    expect(summarize(1, [second])).toMatchObject({
      requests: 1,
      rejected: 1,
      errorRate: null,
      p50Ms: null,
      p99Ms: null,
    });
  });
});
