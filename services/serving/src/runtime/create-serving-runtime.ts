import { performance } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import type { BlobStore } from '@ledger/blobs';
import { IllegalStateError, NotFoundError, Signature, TrafficTable, ValidationError } from '@ledger/contracts';
import { Clock, systemClock } from '@ledger/eventstore';
import { RequestWindow } from '../measuring/request-window';
import { ServingMetrics } from '../measuring/serving-metrics';
import { evenDraw } from '../routing/traffic-split.domain';
import { Batcher, BatchingOptions, DEFAULT_BATCHING } from './batcher';
import { readModelArtifact } from './reading-artifact';
import { ReplicaLoadError } from './replica';
import type { ModelSignature, WireFeeds } from './replica-protocol';
import type { LoadedVersion, LoadSpec, ServingRuntime, VersionTarget } from './serving-runtime';
import { VersionReplicas } from './version-replicas';

export interface ServingRuntimeOptions {
  /** The content-addressed artifact store the registry writes (a LocalBlobStore on ARTIFACTS_DIR). */
  blobs: BlobStore;
  /** Where serving_* series go: the service's /metrics registry (a private one when absent). */
  registry?: Registry;
  /** The clock of the metrics windows (the read API); the system clock when absent. */
  clock?: Clock;
  batching?: Partial<BatchingOptions>;
  /** A draw in [0, 1) for weighted routing (absent: each table's own even sequence, see evenDraw). */
  random?: () => number;
}

/** A loaded version as the inference edge uses it. */
export interface ServedVersion extends VersionTarget {
  model: ModelSignature;
  signature: Signature | null;
  infer(feeds: WireFeeds): Promise<WireFeeds>;
}

/** The runtime with what the inference edge, the metrics read API and tests need beyond the port. */
export interface ServingDataPlane extends ServingRuntime {
  readonly window: RequestWindow;
  readonly metrics: ServingMetrics;
  /** The next routing draw in [0, 1) for a model's table in an environment. */
  draw(name: string, environment: string): number;
  /** The loaded version, or undefined. */
  version(target: VersionTarget): ServedVersion | undefined;
  /** Thread ids of a version's ready replicas (each a worker thread, none the main thread). */
  replicaThreads(target: VersionTarget): number[];
  /** Ends one replica's thread as a crash would (it is replaced and counted); answers its thread id. */
  crashReplica(target: VersionTarget): Promise<number>;
}

interface Entry {
  spec: LoadSpec;
  replicas: VersionReplicas;
  batcher: Batcher;
  served: ServedVersion;
}

const keyOf = (t: VersionTarget) => `${t.environment}/${t.name}/${t.version}`;
const modelKey = (name: string, environment: string) => `${environment}/${name}`;
const labelsOf = (t: VersionTarget) => ({ model: t.name, version: String(t.version), environment: t.environment });

/** The data plane of this process: versions in worker-thread replicas, routing tables in memory. */
export const createServingRuntime = (options: ServingRuntimeOptions): ServingDataPlane =>
  new LocalServingRuntime(options);

class LocalServingRuntime implements ServingDataPlane {
  readonly window: RequestWindow;
  readonly metrics: ServingMetrics;
  private readonly draws = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<{ loadedInMs: number }>>();
  private readonly tables = new Map<string, TrafficTable>();
  private readonly batching: BatchingOptions;

  constructor(private readonly options: ServingRuntimeOptions) {
    this.metrics = new ServingMetrics(options.registry ?? new Registry());
    this.window = new RequestWindow(options.clock ?? systemClock);
    this.batching = { ...DEFAULT_BATCHING, ...options.batching };
  }

  async load(spec: LoadSpec): Promise<{ loadedInMs: number }> {
    const key = keyOf(spec);
    const existing = this.entries.get(key);
    if (existing?.spec.artifactSha256 === spec.artifactSha256) return { loadedInMs: 0 };
    if (existing)
      throw new IllegalStateError(
        `version ${spec.version} of "${spec.name}" is loaded in ${spec.environment} from another artifact; unload it first`,
      );
    const pending = this.loading.get(key) ?? this.start(spec).finally(() => this.loading.delete(key));
    this.loading.set(key, pending);
    return pending;
  }

  async scale(target: VersionTarget, replicas: number): Promise<void> {
    const found = this.entry(target);
    await found.replicas.scale(replicas);
    found.spec = { ...found.spec, replicas };
  }

  async unload(target: VersionTarget): Promise<void> {
    const found = this.entries.get(keyOf(target));
    if (!found) return;
    if (this.routed(target))
      throw new IllegalStateError(
        `version ${target.version} of "${target.name}" still takes traffic in ${target.environment}`,
      );
    this.entries.delete(keyOf(target));
    await found.batcher.drain();
    await found.replicas.close(true);
    this.metrics.replicas.remove(labelsOf(target));
  }

  setTraffic(name: string, environment: string, traffic: TrafficTable): void {
    const named = [...traffic.routes.map((r) => r.version), ...(traffic.shadowVersion ? [traffic.shadowVersion] : [])];
    const missing = named.filter((version) => !this.entries.has(keyOf({ name, environment, version })));
    if (missing.length > 0)
      throw new IllegalStateError(`version(s) ${missing.join(', ')} of "${name}" are not loaded in ${environment}`);
    this.tables.set(modelKey(name, environment), traffic);
  }

  /** The next routing draw for a model's table in an environment. */
  draw(name: string, environment: string): number {
    if (this.options.random) return this.options.random();
    const key = modelKey(name, environment);
    const n = (this.draws.get(key) ?? 0) + 1;
    this.draws.set(key, n);
    return evenDraw(n);
  }

  clearTraffic(name: string, environment: string): void {
    this.tables.delete(modelKey(name, environment));
  }

  traffic(name: string, environment: string): TrafficTable | null {
    return this.tables.get(modelKey(name, environment)) ?? null;
  }

  loaded(): LoadedVersion[] {
    return [...this.entries.values()].map(({ spec, replicas }) => ({
      name: spec.name,
      environment: spec.environment,
      version: spec.version,
      artifactSha256: spec.artifactSha256,
      replicas: spec.replicas,
      ready: replicas.count >= spec.replicas,
      restarts: replicas.restarts,
    }));
  }

  version(target: VersionTarget): ServedVersion | undefined {
    return this.entries.get(keyOf(target))?.served;
  }

  replicaThreads(target: VersionTarget): number[] {
    return this.entry(target).replicas.threadIds;
  }

  crashReplica(target: VersionTarget): Promise<number> {
    return this.entry(target).replicas.crashOne();
  }

  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    this.tables.clear();
    await Promise.all(all.map((e) => e.replicas.close()));
  }

  private entry(target: VersionTarget): Entry {
    const found = this.entries.get(keyOf(target));
    if (!found)
      throw new NotFoundError(
        `version ${target.version} of model "${target.name}" is not loaded in ${target.environment}`,
      );
    return found;
  }

  private routed(target: VersionTarget): boolean {
    const table = this.tables.get(modelKey(target.name, target.environment));
    if (!table) return false;
    return table.routes.some((r) => r.version === target.version) || table.shadowVersion === target.version;
  }

  private async start(spec: LoadSpec): Promise<{ loadedInMs: number }> {
    const started = performance.now();
    const bytes = await readModelArtifact(this.options.blobs, spec.artifactSha256);
    const labels = labelsOf(spec);
    const replicas = await VersionReplicas.start(bytes, spec.replicas, {
      replicasChanged: (n) => this.metrics.replicas.set(labels, n),
      restarted: () => this.metrics.restarts.inc(labels),
    }).catch((error: unknown) => {
      if (error instanceof ReplicaLoadError) throw new ValidationError(error.message, { sha256: spec.artifactSha256 });
      throw error;
    });
    const batcher = new Batcher(replicas, this.batching);
    batcher.onBatch = (rows) => this.metrics.batchRows.observe(labels, rows);
    const { name, environment, version, signature } = spec;
    const served = {
      name,
      environment,
      version,
      signature,
      model: replicas.model,
      infer: (feeds: WireFeeds) => batcher.submit(feeds),
    };
    this.entries.set(keyOf(spec), { spec, replicas, batcher, served });
    return { loadedInMs: performance.now() - started };
  }
}
