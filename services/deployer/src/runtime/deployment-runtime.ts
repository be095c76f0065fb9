import type {
  LoadModelVersionInput,
  ScaleModelVersionInput,
  SetTrafficInput,
  UnloadModelVersionInput,
} from '@ledger/contracts';

/** A command for the runtime, with the id that makes its redelivery a no-op there. */
export type RuntimeCommand = { commandId: string; correlationId: string } & (
  | { type: 'LoadModelVersion'; data: LoadModelVersionInput }
  | { type: 'SetTraffic'; data: SetTrafficInput }
  | { type: 'ScaleModelVersion'; data: ScaleModelVersionInput }
  | { type: 'UnloadModelVersion'; data: UnloadModelVersionInput }
);

/** What the runtime measured of one version over a window (errorRate and latencies null: no requests). */
export interface VersionMetrics {
  version: number;
  requests: number;
  errors: number;
  rejected: number;
  errorRate: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** Requests it answered as the shadow (answers discarded). */
  shadowRequests: number;
}

/**
 * Where rolled-out versions run: the deployer's rollout workflow drives it and reads it for its
 * analysis, and never learns which runtime it is. Loads answer asynchronously, as events the
 * deployer consumes (ServingVersionReady / ServingVersionLoadFailed, matched by loadCommandId).
 *
 * The local runtime (local-serving.runtime.ts) is Model Ledger's own serving service: commands
 * on ml.serving.commands, metrics over its HTTP read API. A Kubernetes runtime would plug in
 * here as another implementation: LoadModelVersion creates (or patches) a KServe
 * `InferenceService` per model and environment with the version as a predictor (storageUri from
 * the artifact store, minReplicas/maxReplicas from replicas), SetTraffic patches the canary's
 * `canaryTrafficPercent` (or an Istio VirtualService for several versions and the shadow's
 * mirror), ScaleModelVersion patches the replicas, UnloadModelVersion deletes the predictor;
 * readiness comes from watching the InferenceService's `Ready` condition, turned into the same
 * Ready/LoadFailed inputs, and metrics from Prometheus queries over the predictor's request
 * counters and latency histogram.
 */
export interface DeploymentRuntime {
  send(command: RuntimeCommand): Promise<void>;
  metrics(environment: string, name: string, windowSeconds: number): Promise<VersionMetrics[]>;
}
