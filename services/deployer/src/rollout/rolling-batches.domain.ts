import type { Strategy } from '@ledger/contracts';

type Rolling = Extract<Strategy, { kind: 'rolling' }>;
export interface Replicas {
  new: number;
  old: number;
}

/**
 * The next batch of a rolling replacement towards `desired` replicas of the new version: the old
 * version first goes down as far as maxUnavailable allows (counting the new replicas as
 * available), then the new one comes up as far as maxSurge allows. Each batch moves at least one
 * replica (maxSurge + maxUnavailable ≥ 1), so the replacement ends with the old version at 0.
 */
export function rollingBatch(strategy: Rolling, desired: number, current: Replicas): Replicas {
  const old = Math.min(current.old, Math.max(0, desired - strategy.maxUnavailable - current.new));
  const grown = Math.max(current.new + 1, desired + strategy.maxSurge - old);
  return { old, new: Math.min(desired, grown) };
}

/** The new version's share of requests, proportional to its ready replicas (never 0 or 100 while both serve). */
export function rollingWeight(newReplicas: number, oldReplicas: number): number {
  if (newReplicas + oldReplicas === 0) return 0;
  const weight = Math.round((100 * newReplicas) / (newReplicas + oldReplicas));
  return Math.min(99, Math.max(1, weight));
}
