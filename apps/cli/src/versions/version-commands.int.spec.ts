import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@ledger/testing';
import { LedgerUnderTest, ONNX_DIR, startLedger } from '../cli.harness';

describe('mledger against the registry (and the validator for verdicts)', () => {
  let t: LedgerUnderTest;
  const classifier = join(ONNX_DIR, 'classifier.onnx');

  beforeAll(async () => {
    t = await startLedger('versions');
  }, 120_000);
  afterAll(() => t?.close());

  it('registers a version with its artifact, printing the uploaded sha256, creating the model on first use', async () => {
    const run = await t.mledger([
      'register',
      'churn',
      '--artifact',
      classifier,
      '--metric',
      'auc=0.9',
      '--tag',
      'team=growth',
    ]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(createHash('sha256').update(readFileSync(classifier)).digest('hex'));
    expect(run.stderr).toContain('created registered model churn');
    const second = await t.mledger(['register', 'churn', '--metric', 'auc=0.95', '--metric', 'f1=0.7', '-o', 'json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ name: 'churn', version: 2, metrics: { auc: 0.95, f1: 0.7 } });
  });

  it('lists models as a table and as JSON', async () => {
    const table = await t.mledger(['models', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/Name.*Latest[\s\S]*│ churn │ 2 /);
    expect(JSON.parse((await t.mledger(['models', 'list', '-o', 'json'])).stdout).models).toEqual([
      expect.objectContaining({ name: 'churn', latestVersion: 2 }),
    ]);
  });

  it('promotes, moves an alias with compare-and-set, and lists versions with verdicts from the validator', async () => {
    expect((await t.mledger(['promote', 'churn', '1', 'production'])).stdout).toMatch(/Stage\s*│\s*Production/);
    expect((await t.mledger(['alias', 'churn', 'champion', '1'])).code).toBe(0);
    const refused = await t.mledger(['alias', 'churn', 'champion', '2', '--expect', '2']);
    expect(refused).toMatchObject({ code: 1, stdout: '' });
    expect(refused.stderr).toMatch(/^CONCURRENT_MODIFICATION: .*champion/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    await eventually(
      async () => {
        const json = JSON.parse((await t.mledger(['versions', 'churn', '-o', 'json'])).stdout);
        expect(json.versions.map((v: { validation: unknown }) => v.validation)).toEqual([
          expect.objectContaining({ status: expect.stringMatching(/passed|failed/) }),
          expect.objectContaining({ status: expect.stringMatching(/passed|failed/) }),
        ]);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const table = await t.mledger(['versions', 'churn', '--metrics', 'auc']);
    expect(table.stdout).toMatch(/Version.*Stage.*Label.*auc.*Aliases.*Validation.*Serving/);
    expect(table.stdout).toMatch(/1 .*Production.*1\.0\.0.*0\.9.*@champion.*(passed|failed)/);
    expect(table.stdout).not.toMatch(/f1/);
  }, 60_000);

  it('resolves a models:/ URI', async () => {
    const run = await t.mledger(['resolve', 'models:/churn@champion', '-o', 'yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^uri: models:\/churn@champion/m);
    expect(run.stdout).toMatch(/^ {2}version: 1$/m);
  });

  it('compares versions, starring the rows that differ, and finds the best by a metric', async () => {
    const compare = await t.mledger(['compare', 'churn', '1', '2']);
    expect(compare.code).toBe(0);
    expect(compare.stdout).toMatch(/Field.*v1.*v2/);
    expect(compare.stdout).toMatch(/\* metric auc\s*│ 0\.9\s*│ 0\.95/);
    expect(compare.stdout).toMatch(/\* stage\s*│ Production\s*│ None/);
    const json = JSON.parse((await t.mledger(['compare', 'churn', '1', '2', '-o', 'json'])).stdout);
    expect(json.metrics).toContainEqual({ key: 'f1', values: [null, 0.7], differs: true });
    const best = JSON.parse((await t.mledger(['best', 'churn', '--metric', 'auc', '-o', 'json'])).stdout);
    expect(best).toMatchObject({ value: 0.95, version: { version: 2 } });
    expect((await t.mledger(['best', 'churn', '--metric', 'auc', '--stage', 'Production'])).stdout).toMatch(
      /Version\s*│ 1/,
    );
    const none = await t.mledger(['best', 'churn', '--metric', 'auc', '--stage', 'Staging']);
    expect(none).toMatchObject({ code: 1 });
    expect(none.stderr).toMatch(/^RESOURCE_DOES_NOT_EXIST: no version/);
  });

  it('shows the audit timeline (also as of a moment before everything) and the changelog', async () => {
    const audit = await t.mledger(['audit', 'churn']);
    expect(audit.stdout).toMatch(/RegisteredModelCreated[\s\S]*ModelVersionCreated|VersionCreated/);
    const before = JSON.parse(
      (await t.mledger(['audit', 'churn', '--as-of', '2000-01-01T00:00:00Z', '-o', 'json'])).stdout,
    );
    expect(before.events).toEqual([]);
    const changelog = await t.mledger(['changelog', 'churn']);
    expect(changelog.stdout).toMatch(/2 .*auc=0\.95 \(\+0\.05\)/);
  });

  it('refuses bad arguments with the usage and exit 2, sending nothing', async () => {
    for (const args of [
      ['promote', 'churn', 'x', 'Staging'],
      ['register', 'churn', '--metric', 'auc=high'],
      ['compare', 'churn'],
      ['resolve', 'churn'],
      ['versions'],
      ['-o', 'xml', 'models', 'list'],
    ]) {
      const run = await t.mledger(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(/error|Usage/);
    }
    expect((await t.mledger(['promote', 'churn', 'x', 'Staging'])).stderr).toContain('Usage: mledger promote');
  });

  it('says the server refused (exit 1) with its error_code, and that it is unreachable (exit 3)', async () => {
    const missing = await t.mledger(['versions', 'nope']);
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'RESOURCE_DOES_NOT_EXIST: registered model "nope" does not exist\n',
    });
    const down = await t.mledger(['models', 'list'], { MLEDGER_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/^UNREACHABLE: cannot reach the registry at http:\/\/127\.0\.0\.1:9/);
  });
});
