import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pinned so the compatibility suite proves one known client; bump it deliberately. */
export const MLFLOW_CLIENT_REQUIREMENT = 'mlflow-skinny==3.17.2';

/**
 * A Python virtualenv with the MLflow client, created once per machine under
 * `<root>/.cache/mlflow-venv` and reused while its marker names the same requirement. It is
 * built aside and renamed into place, so a half-made venv (a killed run) is never reused and
 * two runs at once cannot corrupt each other. Async throughout: the registry under test runs
 * in this same process and must keep serving while pip and the client run.
 */
export async function mlflowPython(root: string): Promise<string> {
  const dir = join(root, '.cache', 'mlflow-venv');
  const marker = join(dir, '.requirement');
  const python = join(dir, 'bin', 'python');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === MLFLOW_CLIENT_REQUIREMENT) return python;
  const building = `${dir}.building-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    await step(['python3', '-m', 'venv', building], 'python3 -m venv (on Debian/Ubuntu: apt-get install python3-venv)');
    await step(
      [
        join(building, 'bin', 'python'),
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        MLFLOW_CLIENT_REQUIREMENT,
      ],
      `pip install ${MLFLOW_CLIENT_REQUIREMENT}`,
    );
    writeFileSync(join(building, '.requirement'), MLFLOW_CLIENT_REQUIREMENT);
    // A stale venv (other requirement, or no marker) makes way; a concurrent winner is kept.
    if (existsSync(dir) && !(existsSync(marker) && readFileSync(marker, 'utf8') === MLFLOW_CLIENT_REQUIREMENT))
      rmSync(dir, { recursive: true, force: true });
    if (!existsSync(dir)) renameSync(building, dir);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return python;
}

async function step([command, ...args]: string[], what: string): Promise<void> {
  try {
    await run(command, args, { maxBuffer: 16 * 1024 * 1024, timeout: 10 * 60_000 });
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${what} failed: ${message}\n${stdout ?? ''}${stderr ?? ''}`);
  }
}
