import { cancel, ignore, IllegalStateError, ValidationError } from '@ledger/contracts';
import type { AbortRollout, PromoteRollout, RequestRollout, RollBack, ScaleServing } from './rollout-inputs';
import type { RolloutOutput } from './rollout-messages';
import { begin, backToStable } from './rollout-signals.domain';
import { ActiveRollout, RolloutState, SCALE_DOWN_TIMER } from './rollout-state.domain';
import { rollingBatch } from './rolling-batches.domain';
import { joinable } from './rollout-joining.domain';
import { after, Decision, event, only, promote, rolledBack, serving, shift, target } from './rollout-steps.domain';
import { deploymentIdOf } from '@ledger/contracts';

const where = (d: Decision) => `${d.name} in ${d.environment}`;

/** The running rollout gives way to a newer one: back to stable, its own version unloaded (unless the newer one reuses it). */
function supersede(d: Decision, state: RolloutState, by: string, version: number): RolloutOutput[] {
  const active = state.active!;
  return [
    ...backToStable(d, state, version),
    event('DeploymentAborted', {
      deploymentId: active.deploymentId,
      ...target(d),
      version: active.version,
      reason: `superseded by deployment ${by} of version ${version}`,
      supersededBy: by,
    }),
  ];
}

function loadReplicas(input: RequestRollout, state: RolloutState): number {
  const { strategy, replicas } = input.data;
  if (strategy.kind !== 'rolling' || state.stable === null) return replicas;
  return rollingBatch(strategy, replicas, { new: 0, old: state.loaded[state.stable] ?? 0 }).new;
}

/** A rollout of a version: the running one superseded, the version loaded (unless it already is), then its strategy. */
export function requestRollout(d: Decision, input: RequestRollout, state: RolloutState, commandId: string) {
  const { version, strategy, replicas, trigger, reason, artifactSha256, signature } = input.data;
  const deploymentId = deploymentIdOf(commandId);
  const running = state.active;
  if (running && joinable(running, input.data)) {
    const joins = running.deploymentId;
    const request = { deploymentId, ...target(d), version, strategy, replicas, trigger, reason, supersedes: null };
    return [event('DeploymentRequested', { ...request, joins })];
  }
  const outputs: RolloutOutput[] = running ? supersede(d, state, deploymentId, version) : [];
  const supersedes = running?.deploymentId ?? null;
  outputs.push(
    event('DeploymentRequested', {
      deploymentId,
      ...target(d),
      version,
      strategy,
      replicas,
      trigger,
      reason,
      supersedes,
    }),
  );
  const requested = after(state, outputs);
  if (version === requested.stable) return [...outputs, ...alreadyServing(d, requested, deploymentId)];
  const stillLoading = running?.version === version && running.phase === 'loading';
  if (requested.loaded[version] !== undefined && !stillLoading) return [...outputs, ...begin(d, requested)];
  const load = {
    version,
    artifactSha256,
    replicas: loadReplicas(input, requested),
    ...(signature ? { signature } : {}),
  };
  return [...outputs, serving(d, 'LoadModelVersion', load)];
}

/** Asking for the version that already serves succeeds at once (its replicas adjusted): nothing to roll out. */
function alreadyServing(d: Decision, state: RolloutState, deploymentId: string): RolloutOutput[] {
  const { version, replicas } = state.active!;
  const scale = state.loaded[version] !== replicas ? [serving(d, 'ScaleModelVersion', { version, replicas })] : [];
  const succeeded = { deploymentId, ...target(d), version, replicas, previousVersion: state.previous };
  return [...scale, event('DeploymentSucceeded', succeeded)];
}

function running(d: Decision, state: RolloutState, what: string): ActiveRollout {
  if (!state.active) throw new IllegalStateError(`no rollout of ${where(d)} is running: nothing to ${what}`);
  return state.active;
}

export function promoteRollout(d: Decision, input: PromoteRollout, state: RolloutState): RolloutOutput[] {
  const active = running(d, state, 'promote');
  if (active.phase === 'loading')
    throw new IllegalStateError(`version ${active.version} of ${where(d)} is still loading: it cannot be promoted yet`);
  return promote(d, state, 'manual', input.data.full);
}

export function abortRollout(d: Decision, input: AbortRollout, state: RolloutState, actor: string): RolloutOutput[] {
  const active = running(d, state, 'abort');
  const reason = input.data.reason ?? `aborted by ${actor}`;
  const aborted = {
    deploymentId: active.deploymentId,
    ...target(d),
    version: active.version,
    reason,
    supersededBy: null,
  };
  return [...backToStable(d, state), event('DeploymentAborted', aborted)];
}

/** During a rollout: back to its stable version. After one: to the previous (or named) version, warm or loaded again. */
export function rollBack(d: Decision, input: RollBack, state: RolloutState, commandId: string): RolloutOutput[] {
  const { toVersion, reason } = input.data;
  const active = state.active;
  if (active) {
    const stable = active.stableVersion;
    if (stable === null) throw new IllegalStateError(`nothing served ${where(d)} before: abort the rollout instead`);
    if (toVersion !== null && toVersion !== stable)
      throw new ValidationError(`toVersion: a running rollout rolls back to its stable version ${stable} only`);
    const why = reason ?? 'rolled back by hand';
    return [...backToStable(d, state), rolledBack(d, active, active.version, stable, false, why)];
  }
  if (state.stable === null) throw new IllegalStateError(`${where(d)} is not deployed: nothing to roll back`);
  const to = toVersion ?? state.previous;
  if (to === null) throw new IllegalStateError(`${where(d)} has no previous version to roll back to`);
  if (to === state.stable) throw new IllegalStateError(`version ${to} already serves ${where(d)}`);
  const known = state.known[to];
  if (!known) throw new ValidationError(`toVersion: version ${to} was never deployed to ${d.environment}`);
  if (state.loaded[to] !== undefined) return instantRollback(d, state, to, reason);
  const request: RequestRollout = {
    type: 'RequestRollout',
    data: {
      ...target(d),
      version: to,
      ...known,
      strategy: { kind: 'replace' },
      replicas: state.loaded[state.stable] ?? 1,
      trigger: { kind: 'rollback', causedBy: commandId },
      reason,
    },
    metadata: input.metadata,
  };
  return requestRollout(d, request, state, commandId);
}

/** The version is still loaded (a blue-green rollback window): traffic switches at once, no reload. */
function instantRollback(d: Decision, state: RolloutState, to: number, reason: string | null): RolloutOutput[] {
  const from = state.stable!;
  const rollout = { deploymentId: state.stableDeploymentId ?? '', version: from } as ActiveRollout;
  return [
    ...shift(d, rollout, 0, only(to), `rolled back: version ${to} takes all traffic again`),
    ...(state.warm?.version === to ? [cancel(SCALE_DOWN_TIMER)] : []),
    serving(d, 'UnloadModelVersion', { version: from }),
    rolledBack(d, rollout, from, to, false, reason ?? 'rolled back by hand inside the rollback window'),
  ];
}

export function scaleServing(d: Decision, input: ScaleServing, state: RolloutState): RolloutOutput[] {
  const version = state.stable;
  if (version === null) throw new IllegalStateError(`${where(d)} is not deployed: nothing to scale`);
  if (state.active?.strategy.kind === 'rolling')
    throw new IllegalStateError(`a rolling rollout of ${where(d)} is replacing replicas: scale after it`);
  const previousReplicas = state.loaded[version] ?? input.data.replicas;
  const { replicas } = input.data;
  if (previousReplicas === replicas)
    return [ignore(`version ${version} already runs ${replicas} replicas in ${d.environment}`)];
  return [
    serving(d, 'ScaleModelVersion', { version, replicas }),
    event('DeploymentScaled', { ...target(d), version, replicas, previousReplicas }),
  ];
}
