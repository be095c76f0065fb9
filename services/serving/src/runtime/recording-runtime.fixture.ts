// TEST-ONLY: a ServingRuntime that holds nothing but a record of what the control plane asked of
// it. The real data plane (worker threads, onnxruntime) implements the same port; this double
// exists so the control plane's tests can see its calls and make a load fail on purpose.
import { NotFoundError, TrafficTable } from '@ledger/contracts';
import type { LoadedVersion, LoadSpec, ServingRuntime, VersionTarget } from './serving-runtime';

export type RuntimeCall =
  | { op: 'load'; spec: LoadSpec }
  | { op: 'scale'; target: VersionTarget; replicas: number }
  | { op: 'unload'; target: VersionTarget }
  | { op: 'setTraffic'; name: string; environment: string; traffic: TrafficTable }
  | { op: 'clearTraffic'; name: string; environment: string }
  | { op: 'close' };

const keyOf = (t: VersionTarget) => `${t.environment}/${t.name}/${t.version}`;

export class RecordingRuntime implements ServingRuntime {
  readonly calls: RuntimeCall[] = [];
  private readonly held = new Map<string, LoadedVersion>();
  private readonly tables = new Map<string, TrafficTable>();
  private readonly failing = new Map<string, string>();

  /** Loads of this digest reject as the real runtime does for a missing blob, until told otherwise. */
  failLoadsOf(artifactSha256: string, reason = `no blob with digest ${artifactSha256}`): void {
    this.failing.set(artifactSha256, reason);
  }

  loadsOf(version: number): LoadSpec[] {
    return this.calls.flatMap((c) => (c.op === 'load' && c.spec.version === version ? [c.spec] : []));
  }

  async load(spec: LoadSpec): Promise<{ loadedInMs: number }> {
    this.calls.push({ op: 'load', spec });
    const reason = this.failing.get(spec.artifactSha256);
    if (reason) throw new NotFoundError(reason);
    this.held.set(keyOf(spec), {
      name: spec.name,
      environment: spec.environment,
      version: spec.version,
      artifactSha256: spec.artifactSha256,
      replicas: spec.replicas,
      ready: true,
      restarts: 0,
    });
    return { loadedInMs: 7 };
  }

  async scale(target: VersionTarget, replicas: number): Promise<void> {
    this.calls.push({ op: 'scale', target, replicas });
    const held = this.held.get(keyOf(target));
    if (!held) throw new NotFoundError(`${keyOf(target)} is not loaded`);
    held.replicas = replicas;
  }

  async unload(target: VersionTarget): Promise<void> {
    this.calls.push({ op: 'unload', target });
    this.held.delete(keyOf(target));
  }

  setTraffic(name: string, environment: string, traffic: TrafficTable): void {
    this.calls.push({ op: 'setTraffic', name, environment, traffic });
    this.tables.set(`${environment}/${name}`, traffic);
  }

  clearTraffic(name: string, environment: string): void {
    this.calls.push({ op: 'clearTraffic', name, environment });
    this.tables.delete(`${environment}/${name}`);
  }

  traffic(name: string, environment: string): TrafficTable | null {
    return this.tables.get(`${environment}/${name}`) ?? null;
  }

  loaded(): LoadedVersion[] {
    return [...this.held.values()].map((v) => ({ ...v }));
  }

  async close(): Promise<void> {
    this.calls.push({ op: 'close' });
    this.held.clear();
    this.tables.clear();
  }
}
