import { execFile } from 'node:child_process';

export interface PythonRun {
  code: number;
  output: string;
}

/** The MLflow client's credential variables: a run gets exactly the ones given, never the suite's own. */
const CREDENTIALS = ['MLFLOW_TRACKING_USERNAME', 'MLFLOW_TRACKING_PASSWORD', 'MLFLOW_TRACKING_TOKEN'];
/** Where a client would otherwise look for a tracking store or registry: each run names its own. */
const LOCATIONS = ['MLFLOW_TRACKING_URI', 'MLFLOW_REGISTRY_URI'];

/** Runs a script with the environment given; never rejects, so the assertion can show everything it printed. */
export function runPython(
  python: string,
  script: string,
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<PythonRun> {
  const merged: NodeJS.ProcessEnv = { ...process.env, PYTHONUNBUFFERED: '1', ...env };
  for (const name of [...CREDENTIALS, ...LOCATIONS]) if (!(name in env)) delete merged[name];
  return new Promise((done) => {
    execFile(
      python,
      [script, ...args],
      { timeout: 240_000, maxBuffer: 16 * 1024 * 1024, env: merged, cwd },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The run exited 0 and printed its closing line; otherwise everything it printed is the failure. */
export async function expectPasses(run: Promise<PythonRun>, closing: string): Promise<void> {
  const { code, output } = await run;
  if (code !== 0 || process.env.MLFLOW_COMPAT_VERBOSE) console.log(output);
  if (code !== 0) throw new Error(`the script exited with ${code}:\n${output}`);
  expect(output).toContain(closing);
}
