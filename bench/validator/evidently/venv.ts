import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Pinned: Evidently 0.7 fails to import under pandas 3; pyarrow reads the Parquet files. */
export const EVIDENTLY_REQUIREMENTS = ['evidently==0.7.23', 'pandas<3', 'pyarrow'];

/**
 * A venv with Evidently under <root>/.cache/evidently-venv, reused while its marker names the same
 * requirements. Built aside and renamed into place, so a killed build is never reused and two
 * runs at once do not corrupt each other. Its console scripts keep the build path in their
 * shebang, so everything runs as `python script.py`.
 */
export async function evidentlyPython(root: string, progress: (line: string) => void = () => {}): Promise<string> {
  const dir = join(root, '.cache', 'evidently-venv');
  const marker = join(dir, '.requirement');
  const wanted = EVIDENTLY_REQUIREMENTS.join(' ');
  const python = join(dir, 'bin', 'python');
  const ready = () => existsSync(marker) && readFileSync(marker, 'utf8') === wanted;
  if (ready()) return python;
  const building = `${dir}.building-${process.pid}-${randomBytes(3).toString('hex')}`;
  progress(`evidently: building ${dir} (${wanted}), once per machine`);
  const pip = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...EVIDENTLY_REQUIREMENTS];
  try {
    for (const [command, ...args] of [
      ['python3', '-m', 'venv', building],
      [join(building, 'bin', 'python'), ...pip],
    ]) {
      const failed = await run(command, args, { maxBuffer: 16 << 20, timeout: 15 * 60_000 }).then(
        () => null,
        (error: { message: string; stdout?: string; stderr?: string }) => error,
      );
      if (failed)
        throw new Error(
          `${command} ${args.join(' ')}: ${failed.message}\n${failed.stdout ?? ''}${failed.stderr ?? ''}`,
        );
    }
    writeFileSync(join(building, '.requirement'), wanted);
    // A stale venv (other requirements, or no marker) makes way; a concurrent winner is kept.
    if (existsSync(dir) && !ready()) rmSync(dir, { recursive: true, force: true });
    if (!existsSync(dir)) renameSync(building, dir);
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return python;
}
