import { cancel, ignore, schedule } from '@ledger/contracts';
import { analysisStatus, assessMeasurement } from './analysing/analysis-assessment.domain';
import type {
  AnalysisDue,
  AnalysisMeasured,
  AutoPromoteDue,
  RolloutOutput,
  ScaleDownDue,
  ServingVersionLoadFailed,
  ServingVersionReady,
  StepPauseElapsed,
} from './rollout-messages';
import { ANALYSIS_TIMER, PAUSE_TIMER, RolloutState } from './rollout-state.domain';
import {
  after,
  Decision,
  enterStep,
  event,
  finish,
  only,
  rolledBack,
  serving,
  settle,
  shift,
  stopWaiting,
  target,
} from './rollout-steps.domain';

/** The new version is ready: the rollout begins (a first deployment, a replace or a rollback goes straight to 100%). */
export function begin(d: Decision, state: RolloutState): RolloutOutput[] {
  const active = state.active!;
  const { deploymentId, version, stableVersion, strategy } = active;
  const outputs = [event('DeploymentStarted', { deploymentId, ...target(d), version, stableVersion, strategy })];
  const started = after(state, outputs);
  const direct = active.rollbackFrom !== null || stableVersion === null || strategy.kind === 'replace';
  return [...outputs, ...(direct ? finish(d, started, 0) : enterStep(d, started, 0))];
}

/**
 * Undoes a rollout's effects on serving: its waits cancelled, stable's replicas restored (a
 * rolling rollout took some), all traffic to stable, then its version unloaded (unless `keep`).
 */
export function backToStable(d: Decision, state: RolloutState, keep?: number): RolloutOutput[] {
  const active = state.active!;
  const stable = active.stableVersion;
  const outputs = stopWaiting(active);
  if (stable !== null) {
    const replicas = state.loaded[stable];
    if (active.strategy.kind === 'rolling' && replicas !== undefined && replicas !== active.stableReplicas)
      outputs.push(serving(d, 'ScaleModelVersion', { version: stable, replicas: active.stableReplicas }));
    if (JSON.stringify(state.traffic) !== JSON.stringify(only(stable)))
      outputs.push(...shift(d, active, active.step, only(stable), `back to version ${stable}`));
  }
  const { version } = active;
  if (version !== keep && version !== stable && state.loaded[version] !== undefined)
    outputs.push(serving(d, 'UnloadModelVersion', { version }));
  return outputs;
}

function awaitedLoad(state: RolloutState, loadCommandId: string): string | null {
  const active = state.active;
  if (!active) return 'no rollout is running';
  if (active.phase !== 'loading' || active.loadCommandId !== loadCommandId)
    return `deployment ${active.deploymentId} does not await load ${loadCommandId}`;
  return null;
}

export function versionReady(d: Decision, input: ServingVersionReady, state: RolloutState): RolloutOutput[] {
  const late = awaitedLoad(state, input.data.loadCommandId);
  return late ? [ignore(`version ${input.data.version} is ready, but ${late}`)] : begin(d, state);
}

/** The version cannot be served: the rollout stops there, stable untouched (nothing was shifted yet). */
export function loadFailed(d: Decision, input: ServingVersionLoadFailed, state: RolloutState): RolloutOutput[] {
  const late = awaitedLoad(state, input.data.loadCommandId);
  if (late) return [ignore(`version ${input.data.version} failed to load, but ${late}`)];
  const { deploymentId, version } = state.active!;
  const reason = `version ${version} failed to load: ${input.data.reason}`;
  return [event('DeploymentAborted', { deploymentId, ...target(d), version, reason, supersededBy: null })];
}

/** Why a timer or measurement no longer concerns the running step, or null when it does. */
function stale(state: RolloutState, data: { deploymentId: string; step: number }): string | null {
  const active = state.active;
  if (!active || active.deploymentId !== data.deploymentId) return `deployment ${data.deploymentId} is not running`;
  if (active.phase !== 'stepping' || active.step !== data.step) return `step ${data.step} is over`;
  return null;
}

export function pauseElapsed(d: Decision, input: StepPauseElapsed | AutoPromoteDue, state: RolloutState) {
  const late = stale(state, input.data) ?? (state.active!.gates.pause ? null : 'its pause was already over');
  if (late) return [ignore(`the pause of step ${input.data.step} elapsed, but ${late}`)];
  return settle(d, state, [cancel(PAUSE_TIMER)], 'timer');
}

function awaitedMeasurement(state: RolloutState, data: { deploymentId: string; step: number; measurement: number }) {
  const late = stale(state, data);
  if (late) return late;
  const { gates, tally } = state.active!;
  if (!gates.analysis) return 'its analysis is over';
  return tally.taken === data.measurement ? null : `measurement ${tally.taken} is the one awaited`;
}

export function analysisDue(d: Decision, input: AnalysisDue, state: RolloutState): RolloutOutput[] {
  const late = awaitedMeasurement(state, input.data);
  if (late) return [ignore(`measurement ${input.data.measurement} is due, but ${late}`)];
  const active = state.active!;
  const windowSeconds = active.strategy.kind === 'replace' ? 0 : active.strategy.analysis!.intervalSeconds;
  const { deploymentId, step, measurement } = input.data;
  const canaryVersion = active.version;
  const stableVersion = active.stableVersion!;
  const data = {
    commandId: '',
    ...target(d),
    deploymentId,
    step,
    measurement,
    windowSeconds,
    canaryVersion,
    stableVersion,
  };
  return [{ kind: 'send', command: { type: 'MeasureAnalysis', data } }];
}

/** One measurement judged; the analysis fails (rollback), pauses (inconclusive), measures again, or lets the step end. */
export function analysisMeasured(d: Decision, input: AnalysisMeasured, state: RolloutState): RolloutOutput[] {
  const late = awaitedMeasurement(state, input.data);
  if (late) return [ignore(`measurement ${input.data.measurement} came in, but ${late}`)];
  const active = state.active!;
  if (active.strategy.kind === 'replace') return [ignore('a replace rollout has no analysis')];
  const limits = active.strategy.analysis!;
  const { deploymentId, step, measurement, canary, stable } = input.data;
  const { phase, reasons } = assessMeasurement(limits, canary, stable);
  const tally = {
    taken: measurement + 1,
    failures: active.tally.failures + (phase === 'failed' ? 1 : 0),
    inconclusives: active.tally.inconclusives + (phase === 'inconclusive' ? 1 : 0),
  };
  const completed = event('AnalysisCompleted', {
    deploymentId,
    ...target(d),
    step,
    measurement,
    phase,
    canary,
    stable,
    reasons,
    failures: tally.failures,
    inconclusives: tally.inconclusives,
  });
  const judged = after(state, [completed]);
  switch (analysisStatus(limits, tally)) {
    case 'failed': {
      const why = `analysis failed at step ${step}: ${reasons.join('; ')}`;
      const back = backToStable(d, judged);
      return [completed, ...back, rolledBack(d, active, active.version, active.stableVersion!, true, why)];
    }
    case 'inconclusive':
      return [completed, event('DeploymentPaused', { deploymentId, ...target(d), step, reason: 'inconclusive' })];
    case 'running': {
      const dueAt = new Date(Date.parse(d.now) + limits.intervalSeconds * 1000).toISOString();
      const next = {
        type: 'AnalysisDue' as const,
        data: { ...target(d), deploymentId, step, measurement: measurement + 1 },
      };
      return [completed, schedule({ id: ANALYSIS_TIMER, dueAt, input: next })];
    }
    case 'successful':
      return settle(d, state, [completed], 'analysis');
  }
}

/** The blue-green rollback window closed: the old version is unloaded, unless it serves again or is being rolled out. */
export function scaleDownDue(d: Decision, input: ScaleDownDue, state: RolloutState): RolloutOutput[] {
  const { version, deploymentId } = input.data;
  const warm = state.warm;
  if (!warm || warm.version !== version || warm.deploymentId !== deploymentId)
    return [ignore(`version ${version} is no longer kept warm for deployment ${deploymentId}`)];
  if (version === state.stable || version === state.active?.version)
    return [ignore(`version ${version} serves again: it stays loaded`)];
  return [serving(d, 'UnloadModelVersion', { version })];
}
