import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { contentPath, LocalBlobStore } from '@ledger/blobs';
import { eventually } from '@ledger/testing';
import { upload } from '../dataset/datasets.harness';
import { FIXTURES, sklearnVectors } from '../evaluating/onnx-fixtures.fixture';
import { registryModel, validatorOnKafka, ValidatorOnKafka } from '../run/validator-on-kafka.harness';

const { features } = sklearnVectors().models['classifier.onnx'];

/** A reproducible sample (a linear congruential generator), so "no drift" and "drift" are facts, not luck. */
function sample(rows: number, seed: number, shift: number): string {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const lines = Array.from(
    { length: rows },
    () => `${(next() * 10 + shift).toFixed(4)},${['a', 'b', 'c'][Math.floor(next() * 3)]}`,
  );
  return ['usage,plan', ...lines].join('\n') + '\n';
}

// Re-scoring the model itself, drift, data quality and the artifact's digest, on real files: the
// committed ONNX fixtures in the store the registry writes, datasets uploaded over HTTP.
describe('checks that read the evidence', () => {
  let v: ValidatorOnKafka;
  let dir: string;
  let store: LocalBlobStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-evidence-'));
    store = new LocalBlobStore(dir);
    v = await validatorOnKafka('validator_evidence', { artifactsDir: dir });
    const url = v.t.service.url;
    const holdout = await readFile(join(FIXTURES, 'churn_holdout.csv'));
    for (const [name, body] of [
      ['churn-holdout', holdout],
      ['usage-reference', sample(800, 7, 0)],
      ['usage-current', sample(800, 11, 0)],
      ['usage-drifted', sample(800, 11, 3)],
    ] as const)
      expect((await upload(url, `/api/v1/datasets/${name}/versions`, body, 'text/csv')).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await v?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const policy = (current: string) => ({
    checks: [
      { id: 'integrity', kind: 'artifact_integrity', require_artifact: true },
      {
        id: 'measured-auc',
        kind: 'reevaluation',
        dataset: { name: 'churn-holdout' },
        task: 'classification',
        label_column: 'churned',
        metrics: [{ metric: 'roc_auc', threshold: 0.75, greater_is_better: true }],
      },
      { id: 'drift', kind: 'drift', reference: { name: 'usage-reference' }, current: { name: current } },
      { id: 'quality', kind: 'data_quality', dataset: { name: 'churn-holdout', version: 1 }, max_missing_rate: 0 },
    ],
  });

  /** Registers a model whose version 1 is the fixture `file`, runs the policy, and returns its report. */
  async function validate(name: string, file: string, current = 'usage-current', tamper = false) {
    const model = registryModel(name);
    const stored = await store.put(Readable.from(await readFile(join(FIXTURES, file))), { maxBytes: 10_000_000 });
    if (tamper) {
      const path = join(dir, contentPath(stored.sha256));
      await chmod(path, 0o644);
      await writeFile(path, await readFile(join(FIXTURES, 'classifier_worse.onnx')));
    }
    expect((await v.t.api('PUT', `/api/v1/validation-policies/${name}`, policy(current))).status).toBe(200);
    const signature = { inputs: features.map((f) => ({ name: f, type: 'double' })), outputs: [] };
    const artifact = { sha256: stored.sha256, sizeBytes: stored.sizeBytes, uri: stored.uri };
    await v.publish(model.created(), model.version(1, { artifact, signature, metrics: { roc_auc: 0.8 } }));
    return eventually(
      async () => {
        const [run] = (await v.t.api('GET', `/api/v1/validations?model=${name}`)).body.runs;
        const report = (await v.t.api('GET', `/api/v1/validations/${run.runId}`)).body;
        expect(['passed', 'failed']).toContain(report.status);
        return report;
      },
      { timeoutMs: 30_000 },
    );
  }
  const outcomes = (run: { report: { results: { id: string; outcome: string }[] } }) =>
    Object.fromEntries(run.report.results.map((r) => [r.id, r.outcome]));

  it('passes the good classifier on what it measures, and records the datasets it read', async () => {
    const run = await validate('evidence-good', 'classifier.onnx');
    expect(outcomes(run)).toEqual({
      integrity: 'passed',
      'measured-auc': 'passed',
      drift: 'passed',
      quality: 'passed',
    });
    expect(run.status).toBe('passed');
    const measured = run.report.results.find((r: { id: string }) => r.id === 'measured-auc');
    expect(measured.value).toBeCloseTo(sklearnVectors().models['classifier.onnx'].metrics.rocAuc!, 6);
    expect(measured.details.metrics[0]).toMatchObject({ metric: 'roc_auc', claimed: 0.8 });
    expect(measured.details.datasets).toEqual([
      { role: 'holdout', name: 'churn-holdout', version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    const drift = run.report.results.find((r: { id: string }) => r.id === 'drift');
    expect(drift.details.datasets.map((d: { role: string; name: string }) => [d.role, d.name])).toEqual([
      ['reference', 'usage-reference'],
      ['current', 'usage-current'],
    ]);
  }, 60_000);

  it('answers lineage both ways: the datasets that judged a version, the versions a dataset judged', async () => {
    await validate('evidence-lineage', 'classifier.onnx');
    const byVersion = await eventually(async () => {
      const { body } = await v.t.api('GET', '/api/v1/dataset-uses?model=evidence-lineage&version=1');
      expect(body.uses).toHaveLength(4);
      return body.uses as { checkId: string; role: string; dataset: { name: string } }[];
    });
    expect(byVersion.map((u) => [u.checkId, u.role, u.dataset.name]).sort()).toEqual([
      ['drift', 'current', 'usage-current'],
      ['drift', 'reference', 'usage-reference'],
      ['measured-auc', 'holdout', 'churn-holdout'],
      ['quality', 'dataset', 'churn-holdout'],
    ]);
    const { body } = await v.t.api('GET', '/api/v1/datasets/churn-holdout/uses?version=1');
    expect(body.uses).toContainEqual(
      expect.objectContaining({ model: { name: 'evidence-lineage', version: 1 }, checkId: 'measured-auc' }),
    );
    expect((await v.t.api('GET', '/api/v1/dataset-uses')).status).toBe(400);
  }, 60_000);

  it('fails the worse classifier on its measured ROC AUC, whatever it claims', async () => {
    const run = await validate('evidence-worse', 'classifier_worse.onnx');
    expect(outcomes(run)).toMatchObject({ integrity: 'passed', 'measured-auc': 'failed' });
    expect(run.status).toBe('failed');
    expect(run.report.results[1].value).toBeLessThan(0.75);
  }, 60_000);

  it('fails a drifted current dataset', async () => {
    const run = await validate('evidence-drifted', 'classifier.onnx', 'usage-drifted');
    expect(outcomes(run)).toMatchObject({ 'measured-auc': 'passed', drift: 'failed' });
    expect(run.report.results[2].message).toMatch(/drifted from the reference.*usage/);
  }, 60_000);

  it('fails a tampered artifact on integrity, and re-scores nothing from it', async () => {
    const run = await validate('evidence-tampered', 'classifier.onnx', 'usage-current', true);
    expect(outcomes(run)).toMatchObject({ integrity: 'failed', 'measured-auc': 'error' });
    expect(run.report.results[0].message).toMatch(/not to the recorded/);
  }, 60_000);

  it('refuses a policy naming a dataset, or a version of one, nobody registered: 400 naming the field', async () => {
    const refused = await v.t.api('PUT', '/api/v1/validation-policies/evidence-unknown', policy('usage-nowhere'));
    expect(refused).toMatchObject({
      status: 400,
      body: {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: expect.stringMatching(/^checks\[2\]\.current: dataset "usage-nowhere" is not registered/),
      },
    });
    const noSuchVersion = {
      checks: [{ id: 'quality', kind: 'data_quality', dataset: { name: 'churn-holdout', version: 9 } }],
    };
    expect((await v.t.api('PUT', '/api/v1/validation-policies/evidence-unknown', noSuchVersion)).body.message).toMatch(
      /^checks\[0\]\.dataset: version 9 of dataset "churn-holdout" is not registered/,
    );
  });
});
