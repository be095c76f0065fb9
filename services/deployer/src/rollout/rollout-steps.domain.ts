import type { Strategy, TrafficTable } from '@ledger/contracts';
import { cancel, publish, schedule, send } from '@ledger/contracts';
import type { RolloutEvent, RolloutOutput, RolloutSend, ServingSend } from './rollout-messages';
import {
  ActiveRollout,
  ANALYSIS_TIMER,
  evolveRollout,
  PAUSE_TIMER,
  RolloutState,
  SCALE_DOWN_TIMER,
} from './rollout-state.domain';
import { rollingBatch, rollingWeight } from './rolling-batches.domain';

/** Who the decision is about and when it is made: what every output of it needs. */
export interface Decision {
  name: string;
  environment: string;
  now: string;
}

export type Promoter = 'timer' | 'analysis' | 'manual';

const later = (now: string, seconds: number): string => new Date(Date.parse(now) + seconds * 1000).toISOString();

/** The state after some outputs, as the runner will fold them: decisions chain on it. */
export const after = (state: RolloutState, outputs: RolloutOutput[]): RolloutState =>
  outputs.reduce(evolveRollout, state);

/** A serving command; its commandId is given when the decision is complete (see numberSends). */
export function serving<S extends ServingSend>(d: Decision, type: S['type'], data: object): RolloutOutput {
  return send({ type, data: { commandId: '', name: d.name, environment: d.environment, ...data } } as RolloutSend);
}

export const event = <E extends RolloutEvent>(type: E['type'], data: object): RolloutOutput =>
  publish({ type, data } as RolloutEvent);

/** The model and environment a decision is about, as events name them. */
export const target = (d: Decision) => ({ name: d.name, environment: d.environment });

/** Serving's routes and the TrafficShifted that reports them, in that order. */
export function shift(d: Decision, active: ActiveRollout, step: number, traffic: TrafficTable, reason: string) {
  return [
    serving(d, 'SetTraffic', { traffic }),
    event('TrafficShifted', { deploymentId: active.deploymentId, ...target(d), step, traffic, reason }),
  ];
}

export const only = (version: number): TrafficTable => ({ routes: [{ version, weight: 100 }] });

function stepTable(state: RolloutState, active: ActiveRollout, step: number): TrafficTable {
  const stable = active.stableVersion!;
  const { strategy, version } = active;
  if (strategy.kind === 'canary') {
    const weight = strategy.steps[step].weight;
    return {
      routes: [
        { version: stable, weight: 100 - weight },
        { version, weight },
      ],
    };
  }
  if (strategy.kind === 'blue-green') return { ...only(stable), shadowVersion: version };
  const weight = rollingWeight(state.loaded[version] ?? 0, state.loaded[stable] ?? 0);
  return {
    routes: [
      { version: stable, weight: 100 - weight },
      { version, weight },
    ],
  };
}

function pauseOf(strategy: Strategy, step: number): { seconds: number; auto: boolean } | undefined {
  if (strategy.kind === 'canary') {
    const seconds = strategy.steps[step].pause?.seconds;
    return seconds ? { seconds, auto: false } : undefined;
  }
  if (strategy.kind === 'blue-green' && strategy.autoPromoteSeconds !== undefined)
    return { seconds: strategy.autoPromoteSeconds, auto: true };
  if (strategy.kind === 'rolling' && strategy.batchPauseSeconds > 0)
    return { seconds: strategy.batchPauseSeconds, auto: false };
  return undefined;
}

/** The timers and the manual pause a step begins with, once its traffic is set. */
function stepWaits(d: Decision, state: RolloutState, step: number): RolloutOutput[] {
  const active = state.active!;
  const ref = { ...target(d), deploymentId: active.deploymentId, step };
  const waits: RolloutOutput[] = [];
  const pause = pauseOf(active.strategy, step);
  if (pause) {
    const type = pause.auto ? 'AutoPromoteDue' : 'StepPauseElapsed';
    waits.push(schedule({ id: PAUSE_TIMER, dueAt: later(d.now, pause.seconds), input: { type, data: ref } }));
  }
  if (active.gates.analysis && active.strategy.kind !== 'replace') {
    const dueAt = later(d.now, active.strategy.analysis!.intervalSeconds);
    const input = { type: 'AnalysisDue' as const, data: { ...ref, measurement: 0 } };
    waits.push(schedule({ id: ANALYSIS_TIMER, dueAt, input }));
  }
  if (active.gates.manual)
    waits.push(event('DeploymentPaused', { deploymentId: active.deploymentId, ...target(d), step, reason: 'manual' }));
  return waits;
}

/** Enters a step: its traffic (and, rolling, its replicas), then what it waits for; a step that waits for nothing ends at once. */
export function enterStep(d: Decision, state: RolloutState, step: number): RolloutOutput[] {
  const active = state.active!;
  const scaling: RolloutOutput[] = [];
  if (active.strategy.kind === 'rolling') {
    const stable = active.stableVersion!;
    const now = { new: state.loaded[active.version] ?? 0, old: state.loaded[stable] ?? 0 };
    const batch =
      step === 0
        ? rollingBatch(active.strategy, active.replicas, { new: 0, old: now.old })
        : rollingBatch(active.strategy, active.replicas, now);
    if (batch.old === 0) return finish(d, state, step);
    if (batch.old !== now.old) scaling.push(serving(d, 'ScaleModelVersion', { version: stable, replicas: batch.old }));
    if (batch.new !== now.new)
      scaling.push(serving(d, 'ScaleModelVersion', { version: active.version, replicas: batch.new }));
  }
  const scaled = after(state, scaling);
  const reason = `${active.strategy.kind} step ${step}: version ${active.version} takes its share`;
  const shifted = [...scaling, ...shift(d, active, step, stepTable(scaled, active, step), reason)];
  const waits = stepWaits(d, after(state, shifted), step);
  return settle(d, state, [...shifted, ...waits], 'timer');
}

/** Moves on once nothing holds the step any longer. */
export function settle(d: Decision, state: RolloutState, outputs: RolloutOutput[], by: Promoter): RolloutOutput[] {
  const next = after(state, outputs);
  const active = next.active;
  if (!active || active.phase !== 'stepping' || Object.values(active.gates).some(Boolean)) return outputs;
  return [...outputs, ...promote(d, next, by, false)];
}

/** Past the current step: to the next one, or (full, or none left) to 100%. */
export function promote(d: Decision, state: RolloutState, by: Promoter, full: boolean): RolloutOutput[] {
  const active = state.active!;
  const outputs: RolloutOutput[] = [
    ...stopWaiting(active),
    event('DeploymentPromoted', { deploymentId: active.deploymentId, ...target(d), step: active.step, full, by }),
  ];
  const next = after(state, outputs);
  const { strategy } = active;
  const more = strategy.kind === 'canary' ? active.step + 1 < strategy.steps.length : strategy.kind === 'rolling';
  if (full || !more) return [...outputs, ...finish(d, next, active.step + 1)];
  return [...outputs, ...enterStep(d, next, active.step + 1)];
}

/** Cancels the timers the current step still waits on. */
export function stopWaiting(active: ActiveRollout): RolloutOutput[] {
  return [
    ...(active.gates.pause ? [cancel(PAUSE_TIMER)] : []),
    ...(active.gates.analysis ? [cancel(ANALYSIS_TIMER)] : []),
  ];
}

/**
 * All traffic to the new version, which is stable from now on. The old one is unloaded, or, for
 * blue-green, kept warm for scaleDownDelaySeconds so that a rollback needs no reload.
 */
export function finish(d: Decision, state: RolloutState, step: number): RolloutOutput[] {
  const active = state.active!;
  const { version, strategy, stableVersion: old, deploymentId } = active;
  const outputs: RolloutOutput[] = [];
  if ((state.loaded[version] ?? active.replicas) !== active.replicas)
    outputs.push(serving(d, 'ScaleModelVersion', { version, replicas: active.replicas }));
  outputs.push(...shift(d, active, step, only(version), `version ${version} takes all traffic`));
  outputs.push(
    event('DeploymentSucceeded', {
      deploymentId,
      ...target(d),
      version,
      replicas: active.replicas,
      previousVersion: old,
    }),
  );
  if (active.rollbackFrom !== null)
    outputs.push(rolledBack(d, active, active.rollbackFrom, version, false, 'rolled back to a version loaded again'));
  if (old === null || old === version) return outputs;
  if (strategy.kind === 'blue-green' && strategy.scaleDownDelaySeconds > 0) {
    const dueAt = later(d.now, strategy.scaleDownDelaySeconds);
    const input = { type: 'ScaleDownDue' as const, data: { ...target(d), deploymentId, version: old } };
    return [...outputs, schedule({ id: SCALE_DOWN_TIMER, dueAt, input })];
  }
  return [...outputs, serving(d, 'UnloadModelVersion', { version: old })];
}

export const rolledBack = (
  d: Decision,
  active: ActiveRollout,
  from: number,
  to: number,
  automatic: boolean,
  reason: string,
) =>
  event('DeploymentRolledBack', {
    deploymentId: active.deploymentId,
    ...target(d),
    fromVersion: from,
    toVersion: to,
    automatic,
    reason,
  });
