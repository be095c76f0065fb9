import { randomUUID } from 'node:crypto';
import { eventually } from '@ledger/testing';
import { validatorProjections } from '../validator.service';
import { ofType, registryModel, validatorOnKafka, ValidatorOnKafka } from './validator-on-kafka.harness';

const AUC_AT_LEAST = (threshold: number, extra: object = {}) => ({
  checks: [{ id: 'auc', kind: 'threshold', metric: 'auc', threshold, greater_is_better: true, ...extra }],
});

describe('validation runs over Kafka', () => {
  let v: ValidatorOnKafka;
  beforeAll(async () => {
    v = await validatorOnKafka('validator_runs');
  }, 60_000);
  afterAll(() => v.close());

  const runsOf = async (model: string, version?: number) =>
    (await v.t.api('GET', `/api/v1/validations?model=${model}${version ? `&version=${version}` : ''}`)).body.runs;
  const setPolicy = async (model: string, policy: object) => {
    const response = await v.t.api('PUT', `/api/v1/validation-policies/${model}`, policy);
    expect(response.status).toBe(200);
    return response.body;
  };
  const verdictOf = async (runId: string) => {
    await eventually(
      () =>
        expect(
          ofType(v.published, 'ValidationPassed', runId).length + ofType(v.published, 'ValidationFailed', runId).length,
        ).toBe(1),
      { timeoutMs: 20_000 },
    );
    return [...ofType(v.published, 'ValidationPassed', runId), ...ofType(v.published, 'ValidationFailed', runId)][0];
  };

  it('given a threshold-only policy, when a version claiming enough is created, then ValidationPassed is published with its report', async () => {
    const churn = registryModel('churn-pass');
    // The first version has no champion: the relative part is skipped, and the report says so.
    await setPolicy(churn.name, AUC_AT_LEAST(0.8, { min_relative_change: 0.01 }));
    await v.publish(churn.created(), churn.version(1, { metrics: { auc: 0.86 } }));

    await eventually(async () => expect(await runsOf(churn.name)).toHaveLength(1), { timeoutMs: 20_000 });
    const [{ runId }] = await runsOf(churn.name);
    const passed = await verdictOf(runId);
    expect(passed).toMatchObject({
      type: 'ValidationPassed',
      source: 'validator',
      data: {
        runId,
        modelId: churn.modelId,
        name: churn.name,
        version: 1,
        policyVersion: 1,
        summary: { total: 1, passed: 1, failed: 0, failedBlocking: [], warnings: [] },
      },
    });
    // Only what the run published leaves the service, in order; never its recorded inputs or sends.
    expect(v.published.filter((e) => e.data.runId === runId).map((e) => e.type)).toEqual([
      'ValidationStarted',
      'ValidationCheckCompleted',
      'ValidationPassed',
    ]);
    await eventually(async () => {
      const run = (await v.t.api('GET', `/api/v1/validations/${runId}`)).body;
      expect(run).toMatchObject({
        status: 'passed',
        policyVersion: 1,
        progress: { done: 1, total: 1 },
        trigger: { kind: 'VersionCreated' },
        report: { results: [{ id: 'auc', outcome: 'passed', value: 0.86, threshold: 0.8, baseline: null }] },
      });
      expect(run.report.results[0].message).toMatch(/no baseline version: the comparison with a baseline was skipped/);
    });
  }, 60_000);

  it('given a threshold-only policy, when a version claims too little, then ValidationFailed names the check', async () => {
    const churn = registryModel('churn-fail');
    await setPolicy(churn.name, AUC_AT_LEAST(0.8));
    await v.publish(churn.created(), churn.version(1, { metrics: { auc: 0.7 } }));
    await eventually(async () => expect(await runsOf(churn.name)).toHaveLength(1), { timeoutMs: 20_000 });
    const [{ runId }] = await runsOf(churn.name);
    expect(await verdictOf(runId)).toMatchObject({
      type: 'ValidationFailed',
      data: { summary: { failed: 1, failedBlocking: ['auc'] } },
    });
  }, 60_000);

  it('compares with the champion, and with the new champion after the alias moves', async () => {
    const churn = registryModel('churn-champion');
    await setPolicy(churn.name, AUC_AT_LEAST(0.5, { min_absolute_change: 0.02 }));
    await v.publish(
      churn.created(),
      churn.version(1, { metrics: { auc: 0.8 } }),
      churn.version(2, { metrics: { auc: 0.9 } }),
      churn.alias('champion', 2, null),
      churn.version(3, { metrics: { auc: 0.85 } }),
    );
    await eventually(async () => expect(await runsOf(churn.name, 3)).toHaveLength(1), { timeoutMs: 20_000 });
    const [againstTwo] = await runsOf(churn.name, 3);
    expect(await verdictOf(againstTwo.runId)).toMatchObject({ type: 'ValidationFailed' });
    expect(againstTwo.baselines).toEqual([{ ref: 'alias:champion|stage:Production', version: 2 }]);

    await v.publish(churn.alias('champion', 1, 2));
    const champion = () =>
      v.t.service.db.query(`SELECT version FROM known_aliases WHERE model_id = $1 AND alias = 'champion'`, [
        churn.modelId,
      ]);
    await eventually(async () => expect(await champion()).toEqual([{ version: 1 }]), { timeoutMs: 20_000 });
    const started = await v.t.api('POST', '/api/v1/validations', { name: churn.name, version: 3 });
    expect(started.status).toBe(202);
    const latest = { runId: started.body.runId };
    await eventually(async () =>
      expect((await v.t.api('GET', started.body.href)).body.baselines).toEqual([
        { ref: 'alias:champion|stage:Production', version: 1 },
      ]),
    );
    const passed = await verdictOf(latest.runId);
    expect(passed).toMatchObject({ type: 'ValidationPassed' });
    await eventually(async () =>
      expect((await v.t.api('GET', `/api/v1/validations/${latest.runId}`)).body.report.results[0]).toMatchObject({
        outcome: 'passed',
        value: 0.85,
        baseline: 0.8,
      }),
    );
  }, 60_000);

  it('without a champion, compares with the latest Production version', async () => {
    const churn = registryModel('churn-production');
    await setPolicy(churn.name, AUC_AT_LEAST(0.5, { min_relative_change: 0.1 }));
    await v.publish(
      churn.created(),
      churn.version(1, { metrics: { auc: 0.7 } }),
      churn.version(2, { metrics: { auc: 0.8 } }),
      churn.stage(1, 'Production'),
      churn.stage(2, 'Production'),
      churn.version(3, { metrics: { auc: 0.85 } }),
    );
    await eventually(async () => expect(await runsOf(churn.name, 3)).toHaveLength(1), { timeoutMs: 20_000 });
    const [run] = await runsOf(churn.name, 3);
    expect(run.baselines).toEqual([{ ref: 'alias:champion|stage:Production', version: 2 }]);
    // 0.85 is 6.25% above version 2's 0.8: short of the 10% asked.
    expect(await verdictOf(run.runId)).toMatchObject({ type: 'ValidationFailed' });
  }, 60_000);

  it('reads the claimed metric from the tag the policy names, for versions registered by the MLflow client', async () => {
    const churn = registryModel('churn-mlflow');
    await setPolicy(churn.name, AUC_AT_LEAST(0.8, { metric_tag: 'metric.auc' }));
    await v.publish(churn.created(), churn.version(1, { tags: { 'metric.auc': '0.91' } }));
    await eventually(async () => expect(await runsOf(churn.name, 1)).toHaveLength(1), { timeoutMs: 20_000 });
    const [run] = await runsOf(churn.name, 1);
    expect(await verdictOf(run.runId)).toMatchObject({ type: 'ValidationPassed' });
    await eventually(async () =>
      expect((await v.t.api('GET', `/api/v1/validations/${run.runId}`)).body.report.results[0].value).toBe(0.91),
    );
  }, 60_000);

  it('judges required metadata and signature compatibility with the champion in the same run', async () => {
    const churn = registryModel('churn-signature');
    await setPolicy(churn.name, {
      checks: [
        { id: 'metadata', kind: 'required_metadata', tags: ['owner'], signature: true },
        { id: 'signature', kind: 'signature_compatibility' },
        { id: 'auc', kind: 'threshold', metric: 'auc', threshold: 0.5, greater_is_better: true, blocking: false },
      ],
    });
    const signature = (inputs: string[]) => ({
      inputs: inputs.map((name) => ({ name, type: 'long' })),
      outputs: [{ type: 'double' }],
    });
    await v.publish(
      churn.created(),
      churn.version(1, {
        tags: { owner: 'ana' },
        signature: signature(['age', 'plan']),
        semver: { label: '1.0.0', reason: '' },
      }),
      churn.alias('champion', 1, null),
      churn.version(2, {
        tags: { owner: 'ana' },
        signature: signature(['age']),
        semver: { label: '2.0.0', reason: '' },
      }),
    );
    await eventually(async () => expect(await runsOf(churn.name, 2)).toHaveLength(1), { timeoutMs: 20_000 });
    const [run] = await runsOf(churn.name, 2);
    expect(await verdictOf(run.runId)).toMatchObject({
      type: 'ValidationFailed',
      data: { summary: { passed: 1, failed: 2, failedBlocking: ['signature'], warnings: ['auc'] } },
    });
    await eventually(async () =>
      expect((await v.t.api('GET', `/api/v1/validations/${run.runId}`)).body.report.results).toMatchObject([
        { id: 'metadata', outcome: 'passed' },
        { id: 'signature', outcome: 'failed', message: 'breaking change against version 1: removes plan' },
        { id: 'auc', outcome: 'failed', blocking: false },
      ]),
    );
  }, 60_000);

  it('starts one run for a VersionCreated delivered twice', async () => {
    const churn = registryModel('churn-twice');
    await setPolicy(churn.name, AUC_AT_LEAST(0.8));
    const created = churn.version(1, { metrics: { auc: 0.9 } });
    await v.publish(churn.created(), created);
    await v.publish(created);
    const marker = churn.version(2, { metrics: { auc: 0.9 } });
    await v.publish(marker);
    await eventually(async () => expect(await runsOf(churn.name, 2)).toHaveLength(1), { timeoutMs: 20_000 });
    await verdictOf((await runsOf(churn.name, 2))[0].runId);
    const runs = await runsOf(churn.name, 1);
    expect(runs).toHaveLength(1);
    expect(
      ofType(v.published, 'ValidationStarted').filter((e) => e.data.name === churn.name && e.data.version === 1),
    ).toHaveLength(1);
  }, 60_000);

  it('starts one run for a ValidateModelVersion command sent twice on ml.validator.commands', async () => {
    const churn = registryModel('churn-command');
    await v.publish(churn.created(), churn.version(1, { metrics: { auc: 0.9 } }));
    await eventually(async () => expect(await runsOf(churn.name, 1)).toHaveLength(1), { timeoutMs: 20_000 });
    const command = {
      commandId: randomUUID(),
      type: 'ValidateModelVersion',
      schemaVersion: 1,
      actor: { id: 'ci', kind: 'service' as const },
      data: { name: churn.name, version: 1 },
    };
    await v.send(command);
    await v.send(command);
    await eventually(async () => expect(await runsOf(churn.name, 1)).toHaveLength(2), { timeoutMs: 20_000 });
    const byCommand = (await runsOf(churn.name, 1)).filter(
      (r: { trigger: { kind: string } }) => r.trigger.kind === 'ValidateModelVersion',
    );
    expect(byCommand).toHaveLength(1);
    // The default policy (warnings only) judged it: it passes and says what the version lacks.
    expect(await verdictOf(byCommand[0].runId)).toMatchObject({
      type: 'ValidationPassed',
      data: { policyVersion: 0, summary: { warnings: ['default-metadata'] } },
    });
  }, 60_000);

  it('takes a ValidateModelVersion that arrives before the version it names, once the version is known', async () => {
    const churn = registryModel('churn-early');
    await v.send({
      commandId: randomUUID(),
      type: 'ValidateModelVersion',
      schemaVersion: 1,
      actor: { id: 'ci', kind: 'service' },
      data: { name: churn.name, version: 1 },
    });
    await v.publish(churn.created(), churn.version(1, { metrics: { auc: 0.9 } }));
    await eventually(
      async () =>
        expect((await runsOf(churn.name, 1)).map((r: { trigger: { kind: string } }) => r.trigger.kind).sort()).toEqual([
          'ValidateModelVersion',
          'VersionCreated',
        ]),
      { timeoutMs: 30_000 },
    );
  }, 60_000);

  it('evaluates a dry run without a verdict', async () => {
    const churn = registryModel('churn-dry');
    await v.publish(churn.created(), churn.version(1, { metrics: { auc: 0.7 } }));
    await eventually(async () => expect(await runsOf(churn.name, 1)).toHaveLength(1), { timeoutMs: 20_000 });
    await setPolicy(churn.name, AUC_AT_LEAST(0.8));
    const { body } = await v.t.api('POST', '/api/v1/validations', { name: churn.name, version: 1, dryRun: true });
    await eventually(
      async () =>
        expect((await v.t.api('GET', body.href)).body).toMatchObject({
          status: 'completed',
          dryRun: true,
          policyVersion: 1,
          report: { summary: { failedBlocking: ['auc'] } },
        }),
      { timeoutMs: 20_000 },
    );
    expect(ofType(v.published, 'ValidationFailed', body.runId)).toHaveLength(0);
    expect(ofType(v.published, 'ValidationPassed', body.runId)).toHaveLength(0);
  }, 60_000);

  it('reports runs, pass rate and durations', async () => {
    const stats = (await v.t.api('GET', '/api/v1/validations/stats')).body;
    expect(stats.runs).toBeGreaterThanOrEqual(6);
    expect(stats.passed).toBeGreaterThanOrEqual(3);
    expect(stats.failed).toBeGreaterThanOrEqual(2);
    expect(stats.passRate).toBeCloseTo(stats.passed / (stats.passed + stats.failed));
    expect(stats.durationMs.max).toBeGreaterThanOrEqual(0);
  });

  it('rebuilds its knowledge of the registry and its runs from its own log to identical rows, starting no run again', async () => {
    const db = v.t.service.db;
    const snapshot = () =>
      Promise.all([
        db.query(`SELECT * FROM known_models ORDER BY model_id`),
        db.query(`SELECT * FROM known_versions ORDER BY model_id, version`),
        db.query(`SELECT * FROM known_aliases ORDER BY model_id, alias`),
        db.query(`SELECT * FROM validation_runs ORDER BY run_id`),
      ]);
    const starts = () => db.query(`SELECT count(*)::int AS n FROM events WHERE event_type = 'ValidationStarted'`);
    const [before, startsBefore] = [await snapshot(), await starts()];
    for (const projection of validatorProjections.filter((p) => p.name !== 'versions-awaiting-validation'))
      await v.t.service.runner!.rebuild(projection);
    expect(await snapshot()).toEqual(before);
    expect(await starts()).toEqual(startsBefore);
  });
});
