/** What a changelog entry is made from: one live version as the read model holds it. */
export interface ChangelogVersion {
  version: number;
  label: string | null;
  reason: string | null;
  metrics: Record<string, number>;
  registeredBy: string;
  runId: string;
  createdAt: string;
}

export interface MetricDelta {
  value: number;
  /** The previous live version's value; null when it did not report this metric. */
  previous: number | null;
  /** value − previous; null without a previous value. */
  delta: number | null;
}

export interface ChangelogEntry {
  version: number;
  /** The semantic label and the reason for its bump; null for versions from before labels. */
  label: string | null;
  reason: string | null;
  /** The live version compared with (null for the first); the metrics are this version's. */
  previousVersion: number | null;
  metrics: Record<string, MetricDelta>;
  registeredBy: string;
  runId: string;
  createdAt: string;
}

/**
 * Entries for consecutive live versions, oldest first. `before` is the live version just before
 * the first one (for a page that does not start at the first version), so its deltas are right.
 */
export function changelogOf(versions: readonly ChangelogVersion[], before?: ChangelogVersion): ChangelogEntry[] {
  return versions.map((current, i) => entryOf(current, i === 0 ? before : versions[i - 1]));
}

function entryOf(current: ChangelogVersion, previous: ChangelogVersion | undefined): ChangelogEntry {
  const metrics: Record<string, MetricDelta> = {};
  for (const name of Object.keys(current.metrics).sort()) {
    const value = current.metrics[name];
    const before = previous?.metrics[name];
    metrics[name] = { value, previous: before ?? null, delta: before === undefined ? null : value - before };
  }
  const { version, label, reason, registeredBy, runId, createdAt } = current;
  return {
    version,
    label,
    reason,
    previousVersion: previous?.version ?? null,
    metrics,
    registeredBy,
    runId,
    createdAt,
  };
}
