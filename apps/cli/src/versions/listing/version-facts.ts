// What other services know about a model's versions, as the CLI shows it next to the registry's.

export interface ValidationRun {
  runId: string;
  model: string;
  version: number;
  status: string;
  dryRun: boolean;
  startedAt: string;
}

export interface DeploymentStatus {
  environments: {
    environment: string;
    models: {
      name: string;
      stableVersion: number | null;
      replicas?: number;
      rollout: { version: number; strategy: string; phase: string; weight: number } | null;
    }[];
  }[];
}

export interface Verdict {
  status: string;
  runId: string;
}

/** The latest verdict per version (runs come newest first); dry runs decide nothing. */
export function verdictsByVersion(runs: readonly ValidationRun[]): Map<number, Verdict> {
  const verdicts = new Map<number, Verdict>();
  for (const run of runs)
    if (!run.dryRun && !verdicts.has(run.version)) verdicts.set(run.version, { status: run.status, runId: run.runId });
  return verdicts;
}

/** Where each version serves: `production`, or `staging (canary 10%)` while a rollout runs. */
export function servingByVersion(status: DeploymentStatus, model: string): Map<number, string[]> {
  const where = new Map<number, string[]>();
  const add = (version: number, text: string) => where.set(version, [...(where.get(version) ?? []), text]);
  for (const { environment, models } of status.environments)
    for (const served of models.filter((m) => m.name === model)) {
      const rollout = served.rollout;
      const rolling = rollout && rollout.version !== served.stableVersion;
      if (served.stableVersion !== null)
        add(served.stableVersion, rolling ? `${environment} (${100 - rollout.weight}%)` : environment);
      if (rolling) add(rollout.version, `${environment} (${rollout.strategy} ${rollout.weight}%)`);
    }
  return where;
}
