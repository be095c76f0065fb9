import type { Stage } from '@ledger/contracts';
import type { VersionView } from '../listing-versions/version-view';

export type Goal = 'max' | 'min';

export interface BestQuery {
  metric: string;
  goal: Goal;
  /** Only versions in this stage; null: every live version. */
  stage: Stage | null;
}

export interface BestVersion {
  name: string;
  metric: string;
  goal: Goal;
  stage: Stage | null;
  /** The winner; on a tie, the newest of the tied versions. */
  version: VersionView;
  value: number;
  /** How many versions reported the metric (in the stage asked). */
  considered: number;
  /** Versions in the stage asked that did not report the metric. */
  withoutMetric: number[];
}

/** The best live version by one metric; undefined when no version (in the stage) reports it. */
export function bestVersion(name: string, versions: readonly VersionView[], query: BestQuery): BestVersion | undefined {
  const inStage = versions.filter((v) => query.stage === null || v.stage === query.stage);
  const scored = inStage.filter((v) => Number.isFinite(v.metrics[query.metric]));
  if (scored.length === 0) return undefined;
  const better = (a: VersionView, b: VersionView): VersionView => {
    const [x, y] = [a.metrics[query.metric], b.metrics[query.metric]];
    if (x === y) return a.version > b.version ? a : b;
    return (query.goal === 'max' ? x > y : x < y) ? a : b;
  };
  const winner = scored.reduce(better);
  return {
    ...{ name, metric: query.metric, goal: query.goal, stage: query.stage },
    version: winner,
    value: winner.metrics[query.metric],
    considered: scored.length,
    withoutMetric: inStage.filter((v) => !scored.includes(v)).map((v) => v.version),
  };
}
