import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { RegistryUnderTest, startRegistry } from '../registry.harness';
import { mlflowPython } from './compat/python-venv';

const ROOT = resolve(__dirname, '../../../..');

/** Runs the script; never rejects, so the assertion can show everything it printed. */
function runScript(python: string, script: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      python,
      [script, ...args],
      { timeout: 240_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, PYTHONUNBUFFERED: '1' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

// The real MLflow client (from PyPI, in a venv made once per machine) against the registry's
// MLflow-compatible REST layer; client_compat.py stops at the first mismatch and says which.
describe('the MLflow client against the MLflow-compatible REST layer', () => {
  let t: RegistryUnderTest;
  let python: string;

  beforeAll(async () => {
    [python, t] = await Promise.all([mlflowPython(ROOT), startRegistry('registry_mlflow_client')]);
  }, 600_000);
  afterAll(() => t?.close());

  it('passes every step of client_compat.py', async () => {
    const { code, output } = await runScript(python, join(__dirname, 'client_compat.py'), [t.registry.url]);
    if (code !== 0 || process.env.MLFLOW_COMPAT_VERBOSE) console.log(output);
    if (code !== 0) throw new Error(`client_compat.py exited with ${code}:\n${output}`);
    expect(output).toContain('all MLflow client steps passed');
  }, 300_000);
});
