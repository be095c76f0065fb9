import { dlqTopic, IllegalStateError, Topics } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';
import { Bus, DLQ_HEADERS, IncomingMessage } from '@ledger/messaging';
import { artifactAttached, eventually, modelCreated, ServiceUnderTest, versionCreated } from '@ledger/testing';
import type { DeployerContext } from '../deployer.context';
import { edgesOnBus, knowsVersion, publisher, RecordingRollouts } from '../deployer-edges.fixture';

const SHA = 'c'.repeat(64);
const SIGNATURE = { inputs: [{ name: 'float_input', type: 'float', shape: [-1, 8] }], outputs: [] };

describe('deploy, promote, abort, roll back, scale and undeploy', () => {
  let bus: Bus;
  let t: ServiceUnderTest<DeployerContext>;
  let close: () => Promise<void>;
  const rollouts = new RecordingRollouts();
  const modelId = newId();
  const base = '/api/v1/environments/production/models/churn';

  beforeAll(async () => {
    ({ bus, t, close } = await edgesOnBus('deployer_cmds', rollouts));
    // Version 1 has an artifact and a signature; version 2 has none.
    await publisher(bus).registry(
      modelCreated(modelId),
      versionCreated(modelId, 1, {}, { signature: SIGNATURE }),
      artifactAttached(modelId, 3, 1, SHA),
      versionCreated(modelId, 2),
    );
    await eventually(async () => expect(await knowsVersion(t.service.db, 'churn', 2)).toBe(true));
    await eventually(async () =>
      expect(
        (await t.service.db.query(`SELECT artifact FROM known_versions WHERE version = 1`))[0].artifact,
      ).not.toBeNull(),
    );
  });
  afterAll(() => close());
  beforeEach(() => rollouts.clear());

  it("a deploy hands the workflow the version's digest and signature, and the environment's strategy and replicas", async () => {
    const { status, body } = await t.api(
      'POST',
      `${base}/deployments`,
      { version: 1, reason: 'first' },
      { 'x-actor': 'ana' },
    );
    expect(status).toBe(202);
    const [request] = rollouts.of('RequestRollout');
    expect(body).toEqual({ deploymentId: `deploy:production:churn:${request.metadata.commandId}`, duplicate: false });
    expect(request.data).toEqual({
      name: 'churn',
      environment: 'production',
      version: 1,
      artifactSha256: SHA,
      signature: SIGNATURE,
      strategy: { kind: 'replace' },
      replicas: 1,
      trigger: { kind: 'manual', causedBy: request.metadata.commandId },
      reason: 'first',
    });
    expect(request.metadata.actor).toEqual({ id: 'ana', kind: 'user' });
  });

  it('the strategy and replicas asked for win over the policy', async () => {
    const strategy = { kind: 'canary', steps: [{ weight: 20 }] };
    await t.api('POST', `${base}/deployments`, { version: 1, strategy, replicas: 4 });
    expect(rollouts.of('RequestRollout')[0].data).toMatchObject({ strategy, replicas: 4 });
  });

  it.each([
    ['an unknown version', `${base}/deployments`, { version: 9 }, 404, /has no version 9/],
    [
      'an unknown model',
      '/api/v1/environments/production/models/nope/deployments',
      { version: 1 },
      404,
      /"nope" does not exist/,
    ],
    [
      'an unknown environment',
      '/api/v1/environments/dev/models/churn/deployments',
      { version: 1 },
      404,
      /"dev" is not configured/,
    ],
    [
      'a version without an artifact',
      `${base}/deployments`,
      { version: 2 },
      409,
      /version 2 of registered model "churn" has no artifact attached/,
    ],
    ['no version', `${base}/deployments`, {}, 400, /^version/],
    ['too many replicas', `${base}/deployments`, { version: 1, replicas: 33 }, 400, /^replicas: must be at most 32/],
    [
      'a bad strategy',
      `${base}/deployments`,
      { version: 1, strategy: { kind: 'canary', steps: [] } },
      400,
      /^strategy/,
    ],
    ['a bad model name', '/api/v1/environments/production/models/a%2Fb/deployments', { version: 1 }, 400, /^name/],
    ['scaling to 0', `${base}/scale`, { replicas: 0 }, 400, /^replicas: must be at least 1/],
    ['rolling back to an unknown version', `${base}/rollback`, { toVersion: 7 }, 404, /has no version 7/],
    [
      'rolling back to a version without an artifact',
      `${base}/rollback`,
      { toVersion: 2 },
      409,
      /no artifact attached/,
    ],
    ['an unknown field', `${base}/promote`, { fully: true }, 400, /fully/],
  ])('%s is refused with a clear 4xx and nothing reaches the workflow', async (_what, path, body, status, message) => {
    const response = await t.api('POST', path, body);
    expect(response.status).toBe(status);
    expect(response.body.message).toMatch(message);
    expect(rollouts.inputs).toEqual([]);
  });

  it('promote, abort, rollback, scale and undeploy reach the workflow as its inputs', async () => {
    for (const [method, path, body] of [
      ['POST', `${base}/promote`, { full: true }],
      ['POST', `${base}/abort`, { reason: 'slow' }],
      ['POST', `${base}/rollback`, {}],
      ['POST', `${base}/rollback`, { toVersion: 1 }],
      ['POST', `${base}/scale`, { replicas: 5 }],
      ['DELETE', base, undefined],
    ] as const)
      expect((await t.api(method, path, body)).status).toBe(202);
    const target = { name: 'churn', environment: 'production' };
    expect(rollouts.inputs.map((i) => [i.type, i.data])).toEqual([
      ['PromoteRollout', { ...target, full: true }],
      ['AbortRollout', { ...target, reason: 'slow' }],
      ['RollBack', { ...target, toVersion: null, reason: null }],
      ['RollBack', { ...target, toVersion: 1, reason: null }],
      ['ScaleServing', { ...target, replicas: 5 }],
      ['UndeployModel', { ...target, reason: null }],
    ]);
    expect(new Set(rollouts.inputs.map((i) => i.metadata.commandId)).size).toBe(6);
  });

  it("a refusal by the workflow is the closed error set's answer, e.g. 409 with nothing running to promote", async () => {
    rollouts.refusal = new IllegalStateError('no rollout of "churn" is running in production');
    expect((await t.api('POST', `${base}/promote`, {})).body).toEqual({
      error_code: 'INVALID_STATE',
      message: 'no rollout of "churn" is running in production',
    });
  });

  it('a bus command carries its commandId to the workflow: a resend is a duplicate there', async () => {
    const send = () =>
      publisher(bus).command(
        'DeployModelVersion',
        { name: 'churn', environment: 'production', version: 1 },
        'ci-deploy-7',
      );
    await send();
    await send();
    await eventually(() => expect(rollouts.inputs).toHaveLength(1));
    const [request] = rollouts.of('RequestRollout');
    expect(request.metadata.commandId).toBe('ci-deploy-7');
    expect(request.data.trigger).toEqual({ kind: 'manual', causedBy: 'ci-deploy-7' });
  });

  it('a bus command for a version without an artifact goes to the DLQ with the reason', async () => {
    const dead: IncomingMessage[] = [];
    const reader = await bus.subscribe({
      consumer: 'deployer-dlq-reader',
      topics: [dlqTopic(Topics.deployerCommands)],
      handle: async (m) => void dead.push(m),
    });
    await publisher(bus).command(
      'DeployModelVersion',
      { name: 'churn', environment: 'production', version: 2 },
      'ci-deploy-8',
    );
    await eventually(() => expect(dead).toHaveLength(1));
    expect(dead[0].headers[DLQ_HEADERS.error]).toMatch(/no artifact attached/);
    expect(rollouts.inputs).toEqual([]);
    await reader.stop();
  });
});
