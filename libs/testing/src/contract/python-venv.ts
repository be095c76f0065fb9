import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A Python virtualenv with pinned requirements, created once per machine under
 * `<root>/.cache/<name>-venv` and reused while its marker names the same requirements. Built aside
 * and renamed into place, so a half-made venv (a killed run) is never reused and two runs at once
 * cannot corrupt each other. Async: services under test run in this same process. Returns the
 * venv's python
 * (run tools as `python -m <module>`: a console script names the folder it was built in).
 */
export async function cachedPythonVenv(root: string, name: string, requirements: string[]): Promise<string> {
  const dir = join(root, '.cache', `${name}-venv`);
  const marker = join(dir, '.requirement');
  const wanted = requirements.join('\n');
  const ready = () => existsSync(marker) && readFileSync(marker, 'utf8') === wanted;
  const python = join(dir, 'bin', 'python');
  if (ready()) return python;
  const building = `${dir}.building-${process.pid}-${randomBytes(3).toString('hex')}`;
  try {
    await step(['python3', '-m', 'venv', building], 'python3 -m venv (on Debian/Ubuntu: apt-get install python3-venv)');
    const pip = [join(building, 'bin', 'python'), '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check'];
    await step([...pip, ...requirements], `pip install ${requirements.join(' ')}`);
    writeFileSync(join(building, '.requirement'), wanted);
    // A stale venv (other requirements, or no marker) makes way; a concurrent winner is kept.
    if (existsSync(dir) && !ready()) rmSync(dir, { recursive: true, force: true });
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
