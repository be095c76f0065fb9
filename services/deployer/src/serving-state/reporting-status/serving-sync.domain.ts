import { isDeepStrictEqual } from 'node:util';

type Table = { routes: { version: number; weight: number }[] } & Record<string, unknown>;

export interface ServingSides {
  desired: { traffic: Table | null; replicas: number | null; stableVersion: number | null };
  actual: { traffic: Table | null; versions: { version: number; state: string; replicas: number }[] };
}

const sorted = (t: Table | null) =>
  t === null ? null : { ...t, routes: [...t.routes].filter((r) => r.weight > 0).sort((a, b) => a.version - b.version) };

/**
 * Where serving differs from what the deployer wants (Kubeflow's desired-vs-actual): another
 * routing table, a routed version not ready, the stable version with other replicas. Empty: in sync.
 */
export function servingDifferences({ desired, actual }: ServingSides): string[] {
  const differences: string[] = [];
  if (!isDeepStrictEqual(sorted(desired.traffic), sorted(actual.traffic)))
    differences.push('the routing table in serving is not the one the deployer set (yet)');
  for (const route of desired.traffic?.routes ?? []) {
    const loaded = actual.versions.find((v) => v.version === route.version);
    if (route.weight > 0 && loaded?.state !== 'ready')
      differences.push(
        `version ${route.version} takes ${route.weight}% but is ${loaded?.state ?? 'not loaded'} in serving`,
      );
  }
  const stable = actual.versions.find((v) => v.version === desired.stableVersion);
  if (stable && desired.replicas !== null && stable.state === 'ready' && stable.replicas !== desired.replicas)
    differences.push(`version ${stable.version} runs ${stable.replicas} replicas, ${desired.replicas} wanted`);
  return differences;
}
