import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { progress, sleep } from '../stats';

export interface PythonServer {
  stop(): Promise<void>;
}

export interface PythonServerOptions {
  python: string;
  args: string[];
  cwd: string;
  /** Where its stdout and stderr go; its tail is quoted when it fails to start. */
  log: string;
  /** Answers 200 once the server can take the load (the model loaded, not just the port open). */
  readyUrl: string;
  label: string;
  env?: NodeJS.ProcessEnv;
  readyWithinMs?: number;
}

/**
 * A Python server in its own process group (uvicorn/gunicorn workers, MLServer's inference pool),
 * ready when `readyUrl` answers 200. stop() ends the whole group: SIGTERM, then SIGKILL for
 * whatever is left; if this process exits first, the group is killed too.
 */
export async function startPythonServer(options: PythonServerOptions): Promise<PythonServer> {
  const out = openSync(options.log, 'a');
  const child: ChildProcess = spawn(options.python, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  let exited = false;
  const exitedPromise = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  void exitedPromise.then(() => (exited = true));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  const stop = async () => {
    process.off('exit', onExit);
    killGroup('SIGTERM');
    const done = await Promise.race([exitedPromise.then(() => true), sleep(10_000).then(() => false)]);
    killGroup('SIGKILL'); // the workers too, whatever the parent did with them
    if (!done) await exitedPromise;
  };
  const started = performance.now();
  try {
    await waitUntilReady(options, () => exited, started);
  } catch (error) {
    await stop();
    const tail = readFileSync(options.log, 'utf8').split('\n').slice(-25).join('\n');
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
  progress(`${options.label}: ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { stop };
}

/** Runs `work` against a started server and stops the server however the work ends. */
export async function whileRunning<T>(server: PythonServer, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await server.stop();
  }
}

async function waitUntilReady(options: PythonServerOptions, exited: () => boolean, started: number): Promise<void> {
  const within = options.readyWithinMs ?? 180_000;
  for (;;) {
    if (exited()) throw new Error(`${options.label} exited before ${options.readyUrl} answered`);
    if (performance.now() - started > within)
      throw new Error(`${options.label}: ${options.readyUrl} did not answer 200 within ${within / 1000} s`);
    const ok = await fetch(options.readyUrl).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
}
