import { Queryable } from '@ledger/eventstore';

const FROM_VERSION = 1_024;
const AT_MOST_EVERY_MS = 2_000;
let lastRefresh = 0;

/**
 * The planner knows how many versions a model has only from the table's last ANALYZE: a model
 * that went from a few versions to thousands within seconds is searched by sorting every one of
 * them until autovacuum catches up (measured: p95 61–66 ms instead of 13 ms over ~21,000 fresh
 * versions). So when a model's version count doubles past 1,024, the statistics are refreshed
 * at once, in the background, at most every 2 s per process; autovacuum still does the rest.
 */
export function refreshStatisticsWhenGrown(db: Queryable, version: number): void {
  if (version < FROM_VERSION || (version & (version - 1)) !== 0) return;
  const now = Date.now();
  if (now - lastRefresh < AT_MOST_EVERY_MS) return;
  lastRefresh = now;
  // Best effort: stale statistics only cost speed, never a wrong answer.
  void db.query('ANALYZE model_versions').catch(() => undefined);
}
