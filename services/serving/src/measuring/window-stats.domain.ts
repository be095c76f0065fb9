// Per-version request statistics over a sliding window of one-second buckets. Latencies go into
// fixed histogram buckets (0.1 ms wide below 2 ms, coarser above), so percentiles of any window
// come from merged counts and stay within a bucket's width of the exact value.

export type Outcome = 'ok' | 'error' | 'rejected';

export interface SecondStats {
  requests: number;
  errors: number;
  rejected: number;
  shadowRequests: number;
  shadowErrors: number;
  /** Histogram bucket index → count, for everything the version ran (routed and shadow). */
  latency: Map<number, number>;
}

export interface VersionWindow {
  version: number;
  requests: number;
  errors: number;
  rejected: number;
  /** errors / requests the version had to answer (not the rejected ones); null without any. */
  errorRate: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  shadowRequests: number;
  shadowErrors: number;
}

function bounds(): number[] {
  const steps: [number, number][] = [
    [2, 0.1],
    [10, 0.5],
    [100, 1],
    [1000, 10],
    [10000, 100],
    [60000, 1000],
  ];
  const result: number[] = [];
  let at = 0;
  for (const [until, step] of steps) {
    while (at < until - 1e-9) {
      at = Math.round((at + step) * 10) / 10;
      result.push(at);
    }
  }
  return result;
}

/** Upper bounds (ms) of the latency buckets; a last, open bucket holds anything slower. */
export const LATENCY_BOUNDS_MS: readonly number[] = bounds();

/** The bucket a latency falls in: the first whose upper bound is at least `ms`. */
export function latencyBucket(ms: number): number {
  let low = 0;
  let high = LATENCY_BOUNDS_MS.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (LATENCY_BOUNDS_MS[mid] < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

export const emptySecond = (): SecondStats => ({
  requests: 0,
  errors: 0,
  rejected: 0,
  shadowRequests: 0,
  shadowErrors: 0,
  latency: new Map(),
});

/** Adds one request's outcome to a second's stats (rejected requests carry no model latency). */
export function count(stats: SecondStats, outcome: Outcome, ms: number, shadow: boolean): void {
  if (shadow) {
    stats.shadowRequests += 1;
    if (outcome === 'error') stats.shadowErrors += 1;
  } else {
    stats.requests += 1;
    if (outcome === 'error') stats.errors += 1;
    if (outcome === 'rejected') stats.rejected += 1;
  }
  if (outcome === 'rejected') return;
  const bucket = latencyBucket(ms);
  stats.latency.set(bucket, (stats.latency.get(bucket) ?? 0) + 1);
}

/**
 * The q-quantile (0 < q ≤ 1) of a histogram: the upper bound of the bucket holding the
 * ceil(q·n)-th fastest request; null when empty. The open last bucket answers its lower bound.
 */
export function percentile(histogram: ReadonlyMap<number, number>, q: number): number | null {
  const total = [...histogram.values()].reduce((n, c) => n + c, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket)!;
    if (seen >= rank) return LATENCY_BOUNDS_MS[Math.min(bucket, LATENCY_BOUNDS_MS.length - 1)];
  }
  return null;
}

/** One version's figures over the seconds of a window. */
export function summarize(version: number, seconds: readonly SecondStats[]): VersionWindow {
  const total = emptySecond();
  for (const s of seconds) {
    total.requests += s.requests;
    total.errors += s.errors;
    total.rejected += s.rejected;
    total.shadowRequests += s.shadowRequests;
    total.shadowErrors += s.shadowErrors;
    for (const [bucket, n] of s.latency) total.latency.set(bucket, (total.latency.get(bucket) ?? 0) + n);
  }
  const answered = total.requests - total.rejected;
  return {
    version,
    requests: total.requests,
    errors: total.errors,
    rejected: total.rejected,
    errorRate: answered > 0 ? total.errors / answered : null,
    p50Ms: percentile(total.latency, 0.5),
    p99Ms: percentile(total.latency, 0.99),
    shadowRequests: total.shadowRequests,
    shadowErrors: total.shadowErrors,
  };
}
