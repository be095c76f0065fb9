import type { Signature, TrafficTable } from '@ledger/contracts';

/** One loaded version of a model in one environment. */
export interface VersionTarget {
  name: string;
  environment: string;
  version: number;
}

export interface LoadSpec extends VersionTarget {
  artifactSha256: string;
  replicas: number;
  signature: Signature | null;
}

export interface LoadedVersion extends VersionTarget {
  artifactSha256: string;
  replicas: number;
  /** Every replica answered its warm-up and is taking requests. */
  ready: boolean;
  /** Replicas restarted after a crash since the version was loaded. */
  restarts: number;
}

/**
 * The data plane as the control plane drives it: versions loaded into replicas (worker threads,
 * each with its own onnxruntime session) and routing tables per model and environment. The
 * control plane decides from its event log what should be loaded and calls this to make it so,
 * after every decision and again on start-up (the state is rebuilt from the log). Each call is
 * idempotent: loading a version already loaded with the same digest changes nothing.
 */
export interface ServingRuntime {
  /**
   * Reads the artifact by its digest (verified while reading), starts the replicas and warms each
   * up. Resolves when all are ready; rejects with a LedgerError when it cannot (NotFoundError: no
   * such blob; ValidationError: digest mismatch, not ONNX, warm-up refused) and then holds nothing.
   */
  load(spec: LoadSpec): Promise<{ loadedInMs: number }>;
  /** Changes the replica count; requests in flight are answered (new replicas warm up before old ones stop). */
  scale(target: VersionTarget, replicas: number): Promise<void>;
  /** Stops the replicas and frees the sessions; routes naming the version must be gone first. */
  unload(target: VersionTarget): Promise<void>;
  /** Replaces the routing table of a model in an environment (versions named must be loaded). */
  setTraffic(name: string, environment: string, traffic: TrafficTable): void;
  /** Drops the model's routing table: it takes no traffic there (requests get 404) until a table is set again. */
  clearTraffic(name: string, environment: string): void;
  /** The routing table in force, or null when the model takes no traffic there. */
  traffic(name: string, environment: string): TrafficTable | null;
  loaded(): LoadedVersion[];
  /** Stops every replica (service shutdown). */
  close(): Promise<void>;
}
