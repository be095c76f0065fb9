// Rollout inputs for the workflow's specs: fixed times and ids, so expectations can name them.
import { CommandMetadata, Measurement, Strategy, StrategySchema } from '@ledger/contracts';
import type { RolloutControl } from './rollout-inputs';
import type { RolloutInput } from './rollout-messages';
import { sendIdOf } from './rollout.workflow';
import { deploymentIdOf } from '@ledger/contracts';

export const T0 = '2026-11-22T12:00:00.000Z';
export const at = (seconds: number): string => new Date(Date.parse(T0) + seconds * 1000).toISOString();
export const target = { name: 'churn', environment: 'production' };
export const sha = (version: number): string => String(version).repeat(64).slice(0, 64);

const metadata = (commandId: string, now = T0): CommandMetadata => ({
  now,
  newId: `id-${commandId}`,
  actor: { id: 'ana', kind: 'user' },
  correlationId: 'flow-1',
  causationId: null,
  commandId,
});

export const strategy = (raw: object): Strategy => StrategySchema.parse(raw);

export const request = (
  version: number,
  raw: object = { kind: 'replace' },
  options: { commandId?: string; replicas?: number; now?: string } = {},
): RolloutControl => ({
  type: 'RequestRollout',
  data: {
    ...target,
    version,
    artifactSha256: sha(version),
    signature: null,
    strategy: strategy(raw),
    replicas: options.replicas ?? 2,
    trigger: { kind: 'manual', causedBy: options.commandId ?? `deploy-${version}` },
    reason: null,
  },
  metadata: metadata(options.commandId ?? `deploy-${version}`, options.now),
});

/** The deployment and the load a request starts (its load is the n-th command it sends). */
export const deploymentOf = (version: number, commandId = `deploy-${version}`) => deploymentIdOf(commandId);
export const loadOf = (commandId: string, n = 0) => sendIdOf(commandId, n);

export const ready = (version: number, loadCommandId: string, now = T0): RolloutInput => ({
  type: 'ServingVersionReady',
  data: { ...target, version, loadCommandId, replicas: 2, loadedInMs: 40 },
  metadata: metadata(`ready-${loadCommandId}`, now),
});

export const loadFailed = (version: number, loadCommandId: string): RolloutInput => ({
  type: 'ServingVersionLoadFailed',
  data: { ...target, version, loadCommandId, reason: 'not an ONNX model' },
  metadata: metadata(`failed-${loadCommandId}`),
});

const control = <T extends RolloutControl['type']>(type: T, data: object, commandId: string, now = T0) =>
  ({ type, data: { ...target, ...data }, metadata: metadata(commandId, now) }) as RolloutInput;

export const promote = (full = false, commandId = 'promote-1', now = T0) =>
  control('PromoteRollout', { full }, commandId, now);
export const abort = (commandId = 'abort-1') => control('AbortRollout', { reason: null }, commandId);
export const rollBack = (toVersion: number | null = null, commandId = 'rollback-1', now = T0) =>
  control('RollBack', { toVersion, reason: null }, commandId, now);
export const scale = (replicas: number, commandId = 'scale-1') => control('ScaleServing', { replicas }, commandId);
export const undeploy = (commandId = 'undeploy-1') => control('UndeployModel', { reason: 'retired' }, commandId);

type Ref = { deploymentId: string; step: number };
export const pauseElapsed = (ref: Ref, now: string): RolloutInput => ({
  type: 'StepPauseElapsed',
  data: { ...target, ...ref },
  metadata: metadata(`pause-${ref.deploymentId}-${ref.step}-${now}`, now),
});
export const autoPromote = (ref: Ref, now: string): RolloutInput => ({
  type: 'AutoPromoteDue',
  data: { ...target, ...ref },
  metadata: metadata(`auto-${ref.deploymentId}-${now}`, now),
});
export const analysisDue = (ref: Ref, measurement: number, now: string): RolloutInput => ({
  type: 'AnalysisDue',
  data: { ...target, ...ref, measurement },
  metadata: metadata(`due-${ref.deploymentId}-${ref.step}-${measurement}`, now),
});
export const measured = (ref: Ref, measurement: number, canary: Measurement, stable: Measurement | null, now: string) =>
  ({
    type: 'AnalysisMeasured',
    data: { ...target, ...ref, measurement, canary, stable },
    metadata: metadata(`measured-${ref.deploymentId}-${ref.step}-${measurement}`, now),
  }) as RolloutInput;
export const scaleDownDue = (deploymentId: string, version: number, now: string): RolloutInput => ({
  type: 'ScaleDownDue',
  data: { ...target, deploymentId, version },
  metadata: metadata(`scale-down-${deploymentId}`, now),
});

export const healthy: Measurement = { requests: 500, errors: 0, errorRate: 0, p99Ms: 20 };
export const broken: Measurement = { requests: 500, errors: 100, errorRate: 0.2, p99Ms: 20 };
export const idle: Measurement = { requests: 0, errors: 0, errorRate: null, p99Ms: null };
