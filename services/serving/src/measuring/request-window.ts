import type { Clock } from '@ledger/eventstore';
import { count, emptySecond, Outcome, SecondStats, summarize, VersionWindow } from './window-stats.domain';

/** How far back the read API can look. */
export const MAX_WINDOW_SECONDS = 3600;

/**
 * The last hour of requests per model, environment and version, in one-second buckets by the
 * injected clock (so tests move time instead of waiting).
 */
export class RequestWindow {
  // "environment/name" → epoch second → version → stats
  private readonly models = new Map<string, Map<number, Map<number, SecondStats>>>();

  constructor(private readonly clock: Clock) {}

  record(environment: string, name: string, version: number, outcome: Outcome, ms: number, shadow = false): void {
    const second = this.nowSecond();
    const key = `${environment}/${name}`;
    const seconds = this.models.get(key) ?? new Map<number, Map<number, SecondStats>>();
    this.models.set(key, seconds);
    let versions = seconds.get(second);
    if (!versions) {
      versions = new Map();
      seconds.set(second, versions);
      this.prune(seconds, second);
    }
    const stats = versions.get(version) ?? emptySecond();
    versions.set(version, stats);
    count(stats, outcome, ms, shadow);
  }

  /** Each version's figures over the last `windowSeconds` (this second included). */
  read(environment: string, name: string, windowSeconds: number): VersionWindow[] {
    const now = this.nowSecond();
    const byVersion = new Map<number, SecondStats[]>();
    for (const [second, versions] of this.models.get(`${environment}/${name}`) ?? []) {
      if (second <= now - windowSeconds || second > now) continue;
      for (const [version, stats] of versions) byVersion.set(version, [...(byVersion.get(version) ?? []), stats]);
    }
    return [...byVersion.entries()].sort(([a], [b]) => a - b).map(([version, seconds]) => summarize(version, seconds));
  }

  private nowSecond(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  private prune(seconds: Map<number, unknown>, now: number): void {
    for (const second of seconds.keys()) if (second <= now - MAX_WINDOW_SECONDS) seconds.delete(second);
  }
}
