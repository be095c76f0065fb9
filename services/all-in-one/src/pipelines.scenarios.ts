import { randomBytes } from 'node:crypto';
import { eventually } from '@ledger/testing';
import { pipelineApi, PipelineTarget } from './pipelines.fixture';

/**
 * The end-to-end scenarios of promotion pipelines, through public APIs only: run on the
 * embedded platform (pipelines.e2e.spec.ts) and on six processes over Kafka
 * (distributed-pipelines.e2e.spec.ts). `target` is called once the platform is up.
 */
export function pipelineScenarios(target: () => PipelineTarget): void {
  let api: ReturnType<typeof pipelineApi>;
  const suffix = randomBytes(3).toString('hex');
  const model = (name: string) => `${name}-${suffix}`;
  // The deploy may reach the deployer before the artifact's upload did: a refused attempt is retried.
  const retried = { retries: { max: 5, backoff: { initial: '500ms', factor: 1, jitter: 0 } } };

  beforeAll(async () => {
    api = pipelineApi(target());
    await eventually(() => api.ok('deployer', 'PUT', '/api/v1/environments/prod-e2e', { trigger: { kind: 'manual' } }));
  });

  it('promotes a passing version to Production with @champion, archives the previous one and serves it; one correlation id across the services', async () => {
    const name = model('churn');
    await api.prepare(name, {
      steps: [
        { id: 'validate', type: 'validate' },
        { id: 'production', type: 'transition', stage: 'Production', archiveExisting: true },
        { id: 'champion', type: 'set-alias', alias: 'champion' },
        { id: 'rollout', type: 'deploy', environment: 'prod-e2e', strategy: { kind: 'replace' }, ...retried },
      ],
    });
    const v1 = await api.registerScored(name, 0.9);
    await api.runUntil(name, v1, 'succeeded');
    const v2 = await api.registerScored(name, 0.93);
    await api.runUntil(name, v2, 'succeeded');
    expect(await api.version(name, v2)).toMatchObject({ stage: 'Production', aliases: ['champion'] });
    expect(await api.version(name, v1)).toMatchObject({ stage: 'Archived', aliases: [] });
    expect(await api.servedVersion(name, 'prod-e2e')).toBe(String(v2));

    const timeline = await eventually(async () => {
      const rows = await api.timeline(name, v2);
      expect(rows.map((r) => r.type)).toEqual(expect.arrayContaining(['PipelineRunSucceeded', 'DeploymentSucceeded']));
      return rows;
    });
    expect(new Set(timeline.map((r) => r.service))).toEqual(
      new Set(['registry', 'validator', 'orchestrator', 'deployer']),
    );
    // One chain from the registration to serving; the artifact's upload was a request of its own.
    const chain = timeline.filter((r) => r.type !== 'ArtifactAttached');
    expect(new Set(chain.map((r) => r.correlationId))).toEqual(new Set([chain[0].correlationId]));
  });

  it('leaves a failing version in None and fails its run, naming the failing check', async () => {
    const name = model('weak');
    await api.prepare(name, {
      steps: [
        { id: 'validate', type: 'validate' },
        { id: 'production', type: 'transition', stage: 'Production' },
      ],
    });
    const version = await api.registerScored(name, 0.5);
    const run = await api.runUntil(name, version, 'failed');
    expect(run).toMatchObject({ failedStep: 'validate', reason: expect.stringContaining('accuracy') });
    expect(await api.version(name, version)).toMatchObject({ stage: 'None' });
  });

  it('holds a version at a rejected approval gate, then promotes it when the gate is retried and approved', async () => {
    const name = model('gated');
    await api.prepare(name, {
      steps: [
        { id: 'validate', type: 'validate' },
        { id: 'gate', type: 'approval' },
        { id: 'staging', type: 'transition', stage: 'Staging' },
      ],
    });
    const version = await api.registerScored(name, 0.9);
    const waiting = await api.runUntil(name, version, 'waiting');
    await api.ok('orchestrator', 'POST', `/api/v1/runs/${waiting.runId}/steps/gate/reject`, { comment: 'not today' });
    const rejected = await api.runUntil(name, version, 'failed');
    expect(rejected.reason).toContain('not today');
    await api.ok('orchestrator', 'POST', `/api/v1/runs/${waiting.runId}/steps/gate/retry`, {});
    await api.runUntil(name, version, 'waiting');
    await api.ok('orchestrator', 'POST', `/api/v1/runs/${waiting.runId}/steps/gate/approve`, { comment: 'ok' });
    await api.runUntil(name, version, 'succeeded');
    expect(await api.version(name, version)).toMatchObject({ stage: 'Staging' });
  });

  it('compensates a rejected gate, undoing only what nobody changed since', async () => {
    const name = model('undone');
    await api.prepare(name, {
      steps: [
        { id: 'staging', type: 'transition', stage: 'Staging' },
        { id: 'challenger', type: 'set-alias', alias: 'challenger', needs: ['staging'] },
        { id: 'gate', type: 'approval', needs: ['challenger'], onFailure: 'compensate' },
      ],
    });
    const version = await api.registerScored(name, 0.9);
    const waiting = await api.runUntil(name, version, 'waiting');
    // Someone promotes the version by hand while the gate waits: that move is theirs to keep.
    await api.ok('registry', 'POST', `/api/v1/models/${name}/versions/${version}/stage`, { stage: 'Production' });
    await api.ok('orchestrator', 'POST', `/api/v1/runs/${waiting.runId}/steps/gate/reject`, { comment: 'no' });
    await api.runUntil(name, version, 'failed');
    await eventually(async () => {
      const { ignored } = await api.ok('orchestrator', 'GET', `/api/v1/runs/${waiting.runId}`);
      expect(ignored.map((i: { reason: string }) => i.reason)).toEqual(
        expect.arrayContaining([
          'compensation of step challenger: done (AliasDeleted)',
          expect.stringMatching(
            /^compensation of step staging: not done, .* is in Production, but the request expected it in Staging/,
          ),
        ]),
      );
    });
    expect(await api.version(name, version)).toMatchObject({ stage: 'Production', aliases: [] });
  });

  it('makes one rollout of an environment trigger and a deploy step naming the same promotion: the step joins it', async () => {
    const name = model('joined');
    const environment = `prod-join-${suffix}`;
    // The environment deploys whatever enters Production, as a canary that waits for a person.
    const strategy = { kind: 'canary', steps: [{ weight: 50, pause: {} }] };
    await api.ok('deployer', 'PUT', `/api/v1/environments/${environment}`, {
      trigger: { kind: 'stage', stage: 'Production' },
      strategy,
    });
    await api.prepare(name, {
      steps: [
        { id: 'production', type: 'transition', stage: 'Production' },
        { id: 'rollout', type: 'deploy', environment, needs: ['production'], ...retried },
      ],
    });
    const deployments = async (version: number) =>
      (
        (await api.ok('deployer', 'GET', `/api/v1/environments/${environment}/models/${name}/deployments`))
          .deployments as {
          deploymentId: string;
          version: number;
          phase: string;
          joins: string | null;
          trigger: { kind: string };
        }[]
      ).filter((d) => d.version === version);
    // Nothing serves yet: the first version goes straight in, however the two requests meet.
    const v1 = await api.registerScored(name, 0.9);
    await api.runUntil(name, v1, 'succeeded');
    const v2 = await api.registerScored(name, 0.92);
    // Whichever reaches the deployer second (the trigger or the step) joins the first, paused at 50%.
    const [first, second] = await eventually(async () => {
      const both = await deployments(v2);
      expect(both.map((d) => d.trigger.kind).sort()).toEqual(['manual', 'stage']);
      return both.sort((a, b) => Number(a.joins !== null) - Number(b.joins !== null));
    });
    expect([first.joins, second.joins]).toEqual([null, first.deploymentId]);
    await eventually(async () =>
      expect(
        (await api.call('deployer', 'POST', `/api/v1/environments/${environment}/models/${name}/promote`, {})).status,
      ).toBeLessThan(300),
    );
    await api.runUntil(name, v2, 'succeeded');
    for (const version of [v1, v2])
      expect((await deployments(version)).map((d) => d.phase)).toEqual(['succeeded', 'succeeded']);
    expect(await api.servedVersion(name, environment)).toBe(String(v2));
  });

  it('retries a step that times out, with backoff, then fails the run', async () => {
    const name = model('slow');
    await api.prepare(name, {
      steps: [
        { id: 'gate', type: 'approval', timeout: '1s', retries: { max: 1, backoff: { initial: '1s', jitter: 0 } } },
      ],
    });
    const version = await api.registerScored(name, 0.9);
    const run = await api.runUntil(name, version, 'failed', 30_000);
    const [gate] = await api.steps(run.runId);
    expect(gate).toMatchObject({ stepId: 'gate', status: 'failed', attempts: 2 });
    expect(run.reason).toMatch(/timed out/);
  });

  it('sends no second transition for a second ValidationPassed of a promoted version', async () => {
    const name = model('twice');
    await api.prepare(name, {
      steps: [
        { id: 'validate', type: 'validate' },
        { id: 'staging', type: 'transition', stage: 'Staging' },
      ],
    });
    const version = await api.registerScored(name, 0.9);
    await api.runUntil(name, version, 'succeeded');
    await api.ok('validator', 'POST', '/api/v1/validations', { name, version });
    await eventually(async () =>
      expect((await api.timeline(name, version)).filter((r) => r.type === 'ValidationPassed')).toHaveLength(2),
    );
    const transitions = (await api.timeline(name, version)).filter((r) => r.type === 'VersionStageTransitioned');
    expect(transitions).toHaveLength(1);
    expect(await api.runsOf(name, version)).toHaveLength(1);
  });

  it('revalidates the champion on a cron schedule', async () => {
    const name = model('nightly');
    await api.prepare(name, { steps: [{ id: 'validate', type: 'validate' }] });
    const version = await api.registerScored(name, 0.9);
    await api.runUntil(name, version, 'succeeded');
    await api.ok('registry', 'PUT', `/api/v1/models/${name}/aliases/champion`, { version });
    await api.ok('orchestrator', 'PUT', `/api/v1/pipelines/${name}`, {
      triggers: [{ on: 'schedule', cron: '*/2 * * * * *', target: { alias: 'champion' } }],
      steps: [{ id: 'revalidate', type: 'validate', revalidate: true }],
    });
    const scheduled = await eventually(
      async () => {
        const runs = (await api.runsOf(name, version)).filter((r) => r.trigger.kind === 'schedule');
        expect(runs.map((r) => r.status)).toContain('succeeded');
        return runs;
      },
      { timeoutMs: 30_000 },
    );
    expect(scheduled.length).toBeGreaterThan(0);
    // Stop the schedule: the pipeline without it.
    await api.ok('orchestrator', 'PUT', `/api/v1/pipelines/${name}`, { steps: [{ id: 'validate', type: 'validate' }] });
  });
}
