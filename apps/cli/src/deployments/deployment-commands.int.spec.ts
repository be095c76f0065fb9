import { join } from 'node:path';
import { eventually } from '@ledger/testing';
import { LedgerUnderTest, ONNX_DIR, startLedger } from '../cli.harness';

describe('mledger validate and deploy against the validator, the deployer and serving', () => {
  let t: LedgerUnderTest;

  beforeAll(async () => {
    t = await startLedger('deploy');
    const registered = await t.mledger([
      'register',
      'iris',
      '--artifact',
      join(ONNX_DIR, 'classifier.onnx'),
      '--metric',
      'auc=0.9',
    ]);
    expect(registered.code).toBe(0);
  }, 120_000);
  afterAll(() => t?.close());

  it('validates a version under a policy from a YAML file, watching it to its verdict, then reports the run', async () => {
    const policy = join(__dirname, 'fixtures-auc-policy.yaml');
    const run = await t.mledger([
      'validate',
      'iris',
      '1',
      '--policy',
      policy,
      '--watch',
      '--interval',
      '100',
      '-o',
      'json',
    ]);
    expect(run.stderr).toMatch(/policy version 1 of iris in force/);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ model: 'iris', version: 1, status: 'passed', policyVersion: 1 });
    const table = await t.mledger(['report', report.runId]);
    expect(table.stdout).toMatch(/Verdict\s*│ passed/);
    expect(table.stdout).toMatch(/auc\s*│ threshold\s*│ blocking\s*│ passed/);
  }, 60_000);

  it('fails a watched validation with exit 1 and the report printed', async () => {
    await t.mledger(['register', 'iris', '--metric', 'auc=0.5']);
    const run = await t.mledger(['validate', 'iris', '2', '--watch', '--interval', '100']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Verdict\s*│ failed/);
    expect(run.stderr).toMatch(/VALIDATION_FAILED: iris v2/);
  }, 60_000);

  it('deploys, watching the rollout to success; status, scale and undeploy follow', async () => {
    const deployed = await eventually(
      async () => {
        const run = await t.mledger(['deploy', 'iris', '1', '--env', 'production', '--watch', '--interval', '200']);
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
        return run;
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    expect(deployed.stdout).toMatch(/Phase\s*│ succeeded/);
    const status = await t.mledger(['status', '--env', 'production']);
    expect(status.stdout).toMatch(/production\s*│ iris\s*│ 1 /);
    const versions = JSON.parse((await t.mledger(['versions', 'iris', '-o', 'json'])).stdout);
    expect(versions.versions[0].serving).toEqual(['production']);
    expect((await t.mledger(['scale', 'iris', '2', '--env', 'production'])).stdout).toMatch(/accepted/);
    expect((await t.mledger(['undeploy', 'iris', '--env', 'production', '-o', 'json'])).code).toBe(0);
  }, 120_000);

  it('rolls a model back to the version it served before', async () => {
    const third = await t.mledger(['register', 'iris', '--artifact', join(ONNX_DIR, 'classifier.onnx'), '-o', 'json']);
    expect(third.code).toBe(0);
    const v3 = String(JSON.parse(third.stdout).version);
    for (const version of ['1', v3]) {
      const run = await t.mledger(['deploy', 'iris', version, '--env', 'staging', '--watch', '--interval', '200']);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    }
    const back = await t.mledger(['rollback', 'iris', '--env', 'staging', '--reason', 'regression']);
    expect({ code: back.code, stderr: back.stderr }).toEqual({ code: 0, stderr: '' });
    await eventually(async () =>
      expect((await t.mledger(['status', '--env', 'staging'])).stdout).toMatch(/staging\s*│ iris\s*│ 1 /),
    );
  }, 120_000);

  it('watches a canary over the stable version through its steps to success', async () => {
    const versions = JSON.parse((await t.mledger(['versions', 'iris', '-o', 'json'])).stdout).versions;
    const newest = String(Math.max(...versions.map((v: { version: number }) => v.version)));
    const args = ['deploy', 'iris', newest, '--env', 'staging', '--strategy', 'canary', '--steps', '10,50'];
    const run = await t.mledger([...args, '--watch', '--interval', '100', '-o', 'json']);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({
      version: Number(newest),
      environment: 'staging',
      strategy: { kind: 'canary' },
      phase: 'succeeded',
      stableVersion: 1,
    });
    const serving = new RegExp(`staging\\s*│ iris\\s*│ ${newest} `);
    await eventually(async () => expect((await t.mledger(['status', '--env', 'staging'])).stdout).toMatch(serving));
  }, 120_000);

  it('refuses a deploy without --env (exit 2) and a rollback nothing can satisfy (exit 1, the server’s code)', async () => {
    const usage = await t.mledger(['deploy', 'iris', '1']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/required option '--env <environment>'/);
    const steps = await t.mledger(['deploy', 'iris', '1', '--env', 'production', '--steps', '10,50']);
    expect(steps).toMatchObject({ code: 2, stderr: 'error: --steps: only with --strategy canary\n' });
    const refused = await t.mledger(['rollback', 'never-deployed', '--env', 'production']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^[A-Z_]+: /);
  });
});
