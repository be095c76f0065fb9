import { TrafficTable } from '@ledger/contracts';
import type { LoadedVersion, LoadSpec, VersionTarget } from '../../runtime/serving-runtime';
import type { DesiredModel } from '../getting-serving/served-models.projection';
import { ServedVersion } from '../served-model';

/**
 * One thing to do to the runtime. A load that `answers` a request is recorded as Ready or
 * LoadFailed once done; one without (a ready version the runtime lost, e.g. after a restart)
 * only puts it back.
 */
export type RuntimeStep =
  | { kind: 'load'; spec: LoadSpec; answers: string | null }
  | { kind: 'scale'; target: VersionTarget; replicas: number }
  /** traffic null: the table is dropped (the model takes no traffic there). */
  | { kind: 'setTraffic'; name: string; environment: string; traffic: TrafficTable | null }
  | { kind: 'unload'; target: VersionTarget };

/** What the runtime holds now: its versions, and the table it routes a model by. */
export interface RuntimeView {
  loaded: LoadedVersion[];
  traffic(name: string, environment: string): TrafficTable | null;
}

/** Steps are retried by this key after a failure (so one broken artifact does not stall the rest). */
export const stepKey = (step: RuntimeStep): string => {
  const target = step.kind === 'load' ? step.spec : step.kind === 'setTraffic' ? { ...step, version: 0 } : step.target;
  return `${step.kind}:${target.environment}:${target.name}:${target.version}`;
};

const isTarget = (target: VersionTarget) => (held: VersionTarget) =>
  held.environment === target.environment && held.name === target.name && held.version === target.version;

function versionSteps(model: DesiredModel, version: ServedVersion, held: LoadedVersion | undefined): RuntimeStep[] {
  const target = { name: model.name, environment: model.environment, version: version.version };
  const spec: LoadSpec = {
    ...target,
    artifactSha256: version.artifactSha256,
    replicas: version.replicas,
    signature: version.signature,
  };
  if (version.status === 'loading') return [{ kind: 'load', spec, answers: version.loadCommandId }];
  if (!held) return [{ kind: 'load', spec, answers: null }];
  if (held.artifactSha256 !== version.artifactSha256)
    return [
      { kind: 'unload', target },
      { kind: 'load', spec, answers: null },
    ];
  return held.replicas === version.replicas ? [] : [{ kind: 'scale', target, replicas: version.replicas }];
}

/** Two tables route alike: same weights per version, same sticky header and shadow (absent = unset). */
export function sameTraffic(a: TrafficTable | null, b: TrafficTable | null): boolean {
  const canonical = (t: TrafficTable | null) =>
    t && {
      routes: [...t.routes].sort((x, y) => x.version - y.version).map((r) => [r.version, r.weight]),
      sticky: t.stickyHeader ?? null,
      shadow: t.shadowVersion ?? null,
    };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const modelKey = (target: { environment: string; name: string }) => `${target.environment}\u0000${target.name}`;

function modelSteps(model: DesiredModel, runtime: RuntimeView): RuntimeStep[] {
  const versions = Object.values(model.state.versions).filter((v) => v.status !== 'failed');
  const held = (version: number) => runtime.loaded.find(isTarget({ ...model, version }));
  const loads = versions.flatMap((v) => versionSteps(model, v, held(v.version)));
  const traffic = model.state.traffic;
  return !sameTraffic(runtime.traffic(model.name, model.environment), traffic)
    ? [...loads, { kind: 'setTraffic', name: model.name, environment: model.environment, traffic }]
    : loads;
}

/**
 * What makes the runtime hold what the log wants, per model, in the order that keeps every
 * route valid: versions loaded and scaled first, then the table, then what is no longer wanted
 * (unloaded, failed, or never asked for) is freed. Nothing for a model the runtime already matches.
 */
export function reconcile(desired: DesiredModel[], runtime: RuntimeView): RuntimeStep[][] {
  const wanted = desired.flatMap((model) =>
    Object.values(model.state.versions)
      .filter((v) => v.status !== 'failed')
      .map((v) => ({ name: model.name, environment: model.environment, version: v.version })),
  );
  const perModel = new Map(desired.map((model) => [modelKey(model), modelSteps(model, runtime)]));
  for (const held of runtime.loaded.filter((v) => !wanted.some(isTarget(v)))) {
    const target = { name: held.name, environment: held.environment, version: held.version };
    perModel.set(modelKey(held), [...(perModel.get(modelKey(held)) ?? []), { kind: 'unload', target }]);
  }
  return [...perModel.values()].filter((steps) => steps.length > 0);
}
