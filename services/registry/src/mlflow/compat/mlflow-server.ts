import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually } from '@ledger/testing';

export interface MlflowServer {
  url: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A real `mlflow server` (the tracking server users run) from the venv's MLflow, one worker,
 * its sqlite store and served artifacts under `dir`. It runs in its own process group, so close
 * ends the workers it forked too.
 */
export async function startMlflowServer(python: string, dir: string): Promise<MlflowServer> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const args = ['-m', 'mlflow', 'server', '--host', '127.0.0.1', '--port', String(port), '--workers', '1'];
  args.push('--backend-store-uri', `sqlite:///${join(dir, 'mlflow.db')}`);
  args.push('--artifacts-destination', join(dir, 'artifacts'));
  const server = spawn(python, args, { cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      async () => {
        if (server.exitCode !== null) throw new Error(`mlflow server exited with ${server.exitCode}:\n${log}`);
        expect((await fetch(`${url}/health`)).status).toBe(200);
      },
      { timeoutMs: 120_000 },
    );
  } catch (error) {
    stop(server);
    throw error;
  }
  return { url, close: async () => stop(server) };
}

function stop(server: ChildProcess): void {
  if (server.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGTERM');
}
