import type { TrafficTable } from '@ledger/contracts';

/** The split is laid over 100 buckets, one per percent of weight. */
export const BUCKETS = 100;

/**
 * The bucket of a sticky key: FNV-1a (32 bit) of its UTF-16 code units, modulo 100. Stable
 * across processes and restarts, so one key keeps its bucket wherever it is routed.
 */
export function bucketOfKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % BUCKETS;
}

/** The golden ratio's fractional part: adding it again and again spreads points evenly over [0, 1). */
const GOLDEN = 0.6180339887498949;

/**
 * The n-th draw of a table's low-discrepancy sequence (n·φ mod 1). Unlike random draws, any run of
 * consecutive requests splits within a request or two of the weights — so a 10% canary gets 10% of
 * the traffic even over the few dozen requests of one analysis interval, and never a lucky 16%.
 */
export const evenDraw = (n: number): number => (n * GOLDEN) % 1;

/** The bucket of a request without a sticky key, from a draw in [0, 1). */
export const bucketOfDraw = (draw: number): number => Math.min(BUCKETS - 1, Math.floor(draw * BUCKETS));

/**
 * The version a bucket routes to. Routes take consecutive ranges of buckets in version order
 * (not table order), so a reordered table routes the same, and a weight change between two
 * versions moves only the buckets at their border: the keys that must move, and no others.
 */
export function versionForBucket(table: Pick<TrafficTable, 'routes'>, bucket: number): number {
  const routes = [...table.routes].filter((r) => r.weight > 0).sort((a, b) => a.version - b.version);
  let end = 0;
  for (const route of routes) {
    end += route.weight;
    if (bucket < end) return route.version;
  }
  return routes[routes.length - 1].version;
}

/** The version a request goes to: by its sticky key when the table names one and it has it, else by the draw. */
export function chooseVersion(table: TrafficTable, stickyKey: string | undefined, draw: number): number {
  const bucket = table.stickyHeader && stickyKey ? bucketOfKey(stickyKey) : bucketOfDraw(draw);
  return versionForBucket(table, bucket);
}
