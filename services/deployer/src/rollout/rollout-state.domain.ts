import type { Signature, Strategy, TrafficTable } from '@ledger/contracts';
import { analysisStatus } from './analysing/analysis-assessment.domain';
import type { RolloutEvent, RolloutRecord, RolloutSend } from './rollout-messages';
import { evolveJoiners } from './rollout-joining.domain';

/** The workflow's own timer names: one of each at a time per model and environment. */
export const PAUSE_TIMER = 'pause';
export const ANALYSIS_TIMER = 'analysis';
export const SCALE_DOWN_TIMER = 'scale-down';

/** What must happen before the current step may end; all false: it ends. */
export interface Gates {
  pause: boolean;
  analysis: boolean;
  manual: boolean;
}

export interface ActiveRollout {
  deploymentId: string;
  version: number;
  strategy: Strategy;
  replicas: number;
  /** loading: waiting for serving's answer to loadCommandId; paused: an inconclusive analysis waits for a person. */
  phase: 'loading' | 'stepping' | 'paused';
  loadCommandId: string | null;
  /** What served when it began (null: nothing), and in how many replicas (a rolling rollback restores them). */
  stableVersion: number | null;
  stableReplicas: number;
  /** A rollback that had to load the version again: the version it rolls back from. */
  rollbackFrom: number | null;
  step: number;
  gates: Gates;
  tally: { taken: number; failures: number; inconclusives: number };
}

export interface RolloutState {
  /** The version serving all traffic when no rollout runs, and the deployment that made it so. */
  stable: number | null;
  stableDeploymentId: string | null;
  /** What served before stable: a rollback without toVersion returns to it (and back again, like `kubectl rollout undo`). */
  previous: number | null;
  /** Digests of every version this workflow was asked to deploy: a rollback can load one again. */
  known: Record<string, { artifactSha256: string; signature: Signature | null }>;
  /** Versions loaded (or loading) in serving, with their replicas. */
  loaded: Record<string, number>;
  traffic: TrafficTable | null;
  /** A blue-green rollout's old version, still warm until its scale-down timer. */
  warm: { version: number; deploymentId: string } | null;
  active: ActiveRollout | null;
  /** Rollouts that joined the running one (see rollout-joining.domain.ts), by id: the id of the one they joined. */
  joined: Record<string, string>;
}

export const initialRolloutState = (): RolloutState => ({
  stable: null,
  stableDeploymentId: null,
  previous: null,
  known: {},
  loaded: {},
  traffic: null,
  warm: null,
  active: null,
  joined: {},
});

const NO_GATES: Gates = { pause: false, analysis: false, manual: false };

/** The gates a step closes when it is entered (a pause gate opens with its timer, see evolveTimers). */
export function gatesOf(active: Pick<ActiveRollout, 'strategy' | 'stableVersion'>, step: number): Gates {
  const { strategy } = active;
  const analysis = strategy.kind !== 'replace' && strategy.analysis !== undefined && active.stableVersion !== null;
  if (strategy.kind === 'canary') {
    const pause = strategy.steps[step]?.pause;
    return { pause: false, analysis, manual: pause !== undefined && pause.seconds === undefined };
  }
  if (strategy.kind === 'blue-green')
    return { pause: false, analysis, manual: !analysis && strategy.autoPromoteSeconds === undefined };
  return { ...NO_GATES, analysis };
}

const withActive = (state: RolloutState, change: (active: ActiveRollout) => Partial<ActiveRollout>): RolloutState =>
  state.active ? { ...state, active: { ...state.active, ...change(state.active) } } : state;

function evolveSend(state: RolloutState, command: RolloutSend): RolloutState {
  const loaded = { ...state.loaded };
  switch (command.type) {
    case 'LoadModelVersion': {
      loaded[command.data.version] = command.data.replicas;
      const next = { ...state, loaded };
      return state.active?.phase === 'loading' && state.active.version === command.data.version
        ? withActive(next, () => ({ loadCommandId: command.data.commandId }))
        : next;
    }
    case 'ScaleModelVersion':
      loaded[command.data.version] = command.data.replicas;
      return { ...state, loaded };
    case 'UnloadModelVersion':
      delete loaded[command.data.version];
      return { ...state, loaded, warm: state.warm?.version === command.data.version ? null : state.warm };
    case 'SetTraffic':
      return { ...state, traffic: command.data.traffic };
    case 'MeasureAnalysis':
      return state;
  }
}

function started(state: RolloutState, event: Extract<RolloutEvent, { type: 'DeploymentRequested' }>): RolloutState {
  const { data } = event;
  const stableReplicas = state.stable === null ? 0 : (state.loaded[state.stable] ?? 0);
  const active: ActiveRollout = {
    deploymentId: data.deploymentId,
    version: data.version,
    strategy: data.strategy,
    replicas: data.replicas,
    phase: 'loading',
    loadCommandId: null,
    stableVersion: state.stable,
    stableReplicas,
    rollbackFrom: data.trigger.kind === 'rollback' ? state.stable : null,
    step: 0,
    gates: NO_GATES,
    tally: { taken: 0, failures: 0, inconclusives: 0 },
  };
  return { ...state, active };
}

function evolvePublished(state: RolloutState, event: RolloutEvent): RolloutState {
  const joining = evolveJoiners(state, event);
  if (joining) return joining;
  switch (event.type) {
    case 'DeploymentRequested':
      return started(state, event);
    case 'DeploymentStarted':
      return withActive(state, () => ({ phase: 'stepping' }));
    case 'TrafficShifted':
      return withActive(state, (a) => ({
        step: event.data.step,
        phase: 'stepping',
        gates: gatesOf(a, event.data.step),
        tally: { taken: 0, failures: 0, inconclusives: 0 },
      }));
    case 'AnalysisCompleted':
      return withActive(state, (a) => {
        const tally = {
          taken: event.data.measurement + 1,
          failures: event.data.failures,
          inconclusives: event.data.inconclusives,
        };
        const limits = a.strategy.kind === 'replace' ? undefined : a.strategy.analysis;
        const done = limits !== undefined && analysisStatus(limits, tally) === 'successful';
        return { tally, gates: { ...a.gates, analysis: a.gates.analysis && !done } };
      });
    case 'DeploymentPaused':
      return event.data.reason === 'inconclusive' ? withActive(state, () => ({ phase: 'paused' })) : state;
    case 'DeploymentPromoted':
      return withActive(state, () => ({ gates: NO_GATES }));
    case 'DeploymentSucceeded':
      return {
        ...state,
        stable: event.data.version,
        stableDeploymentId: event.data.deploymentId,
        previous: event.data.previousVersion,
        active: null,
      };
    case 'DeploymentRolledBack':
      return state.active
        ? { ...state, active: null }
        : { ...state, stable: event.data.toVersion, previous: event.data.fromVersion };
    case 'DeploymentAborted':
      return { ...state, active: null };
    case 'DeploymentScaled':
      return state;
    case 'Undeployed':
      return { ...initialRolloutState(), known: state.known };
  }
}

function evolveInput(state: RolloutState, record: Extract<RolloutRecord, { kind: 'input' }>): RolloutState {
  const { input } = record;
  if (input.type === 'RequestRollout') {
    const { version, artifactSha256, signature } = input.data;
    return { ...state, known: { ...state.known, [version]: { artifactSha256, signature } } };
  }
  // A version that failed to load holds no replicas (serving says so): forget it was asked for.
  if (input.type === 'ServingVersionLoadFailed' && state.active?.loadCommandId === input.data.loadCommandId) {
    const loaded = { ...state.loaded };
    delete loaded[state.active.version];
    return { ...state, loaded };
  }
  return state;
}

/** Folds the workflow's stream: inputs for the facts they bring, sends for what serving holds, events for the rollout. */
export function evolveRollout(state: RolloutState, record: RolloutRecord): RolloutState {
  switch (record.kind) {
    case 'input':
      return evolveInput(state, record);
    case 'send':
      return evolveSend(state, record.command);
    case 'publish':
      return evolvePublished(state, record.event);
    case 'schedule':
      if (record.timer.id === PAUSE_TIMER) return withActive(state, (a) => ({ gates: { ...a.gates, pause: true } }));
      if (record.timer.id === SCALE_DOWN_TIMER) {
        const data = record.timer.input.data as { version: number; deploymentId: string };
        return { ...state, warm: { version: data.version, deploymentId: data.deploymentId } };
      }
      return state;
    case 'cancel':
      if (record.timerId === PAUSE_TIMER) return withActive(state, (a) => ({ gates: { ...a.gates, pause: false } }));
      if (record.timerId === SCALE_DOWN_TIMER) return { ...state, warm: null };
      return state;
    case 'ignore':
      return state;
  }
}
