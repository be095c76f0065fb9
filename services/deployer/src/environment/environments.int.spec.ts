import { Bus } from '@ledger/messaging';
import { eventually, ServiceUnderTest } from '@ledger/testing';
import type { DeployerContext } from '../deployer.context';
import { edgesOnBus, publisher, RecordingRollouts } from '../deployer-edges.fixture';

describe('environments and their policies', () => {
  let bus: Bus;
  let t: ServiceUnderTest<DeployerContext>;
  let close: () => Promise<void>;
  const canary = {
    trigger: { kind: 'alias', alias: 'champion' },
    strategy: { kind: 'canary', steps: [{ weight: 10 }, { weight: 50 }], analysis: { maxErrorRate: 0.01 } },
    replicas: 3,
  };

  beforeAll(async () => {
    ({ bus, t, close } = await edgesOnBus('deployer_envs', new RecordingRollouts()));
  });
  afterAll(() => close());

  it('before anyone configures anything, production follows champion and staging the Staging stage, by replace with 1 replica', async () => {
    const { status, body } = await t.api('GET', '/api/v1/environments');
    expect(status).toBe(200);
    expect(body.environments).toEqual([
      expect.objectContaining({
        environment: 'production',
        policyVersion: 0,
        isDefault: true,
        policy: { trigger: { kind: 'alias', alias: 'champion' }, strategy: { kind: 'replace' }, replicas: 1 },
      }),
      expect.objectContaining({
        environment: 'staging',
        policyVersion: 0,
        isDefault: true,
        policy: { trigger: { kind: 'stage', stage: 'Staging' }, strategy: { kind: 'replace' }, replicas: 1 },
      }),
    ]);
  });

  it('a policy set over HTTP is policy version 1, read back at once; the same policy again changes nothing', async () => {
    const put = await t.api('PUT', '/api/v1/environments/canary-lab', canary, { 'x-actor': 'ops' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      environment: 'canary-lab',
      policyVersion: 1,
      isDefault: false,
      configuredBy: 'ops',
    });
    expect(put.body.policy.strategy.analysis).toMatchObject({ intervalSeconds: 10, maxErrorRate: 0.01 });

    const again = await t.api('PUT', '/api/v1/environments/canary-lab', canary);
    expect(again.body.policyVersion).toBe(1);
    const changed = await t.api('PUT', '/api/v1/environments/canary-lab', { ...canary, replicas: 5 });
    expect(changed.body).toMatchObject({ policyVersion: 2, policy: { replicas: 5 } });
    expect((await t.api('GET', '/api/v1/environments/canary-lab')).body).toEqual(changed.body);
  });

  it('a policy may be written in YAML; a document that is not YAML is a 400', async () => {
    const yaml = 'trigger:\n  kind: pinned\n  version: "1.0.0"\nreplicas: 2\nprotection:\n  approverRole: approver\n';
    const put = await t.api('PUT', '/api/v1/environments/yaml-lab', yaml, { 'content-type': 'application/yaml' });
    expect(put.status).toBe(200);
    expect(put.body.policy).toEqual({
      trigger: { kind: 'pinned', version: '1.0.0' },
      strategy: { kind: 'replace' },
      replicas: 2,
      protection: { approverRole: 'approver' },
    });
    const bad = await t.api('PUT', '/api/v1/environments/yaml-lab', 'trigger: [unclosed', {
      'content-type': 'application/yaml',
    });
    expect(bad.body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(/^request body: not a YAML document/),
    });
  });

  it('configuring production replaces its default', async () => {
    await t.api('PUT', '/api/v1/environments/production', { ...canary, replicas: 2 });
    const { body } = await t.api('GET', '/api/v1/environments/production');
    expect(body).toMatchObject({ policyVersion: 1, isDefault: false, policy: { replicas: 2 } });
  });

  it.each([
    [{ ...canary, replicas: 0 }, /^replicas: must be at least 1/],
    [
      { ...canary, strategy: { kind: 'canary', steps: [{ weight: 50 }, { weight: 10 }] } },
      /^strategy\.steps: weights must increase/,
    ],
    [{ trigger: { kind: 'tag' } }, /^trigger\.kind/],
    [{ ...canary, colour: 'blue' }, /colour/],
    [{}, /^trigger/],
  ])('a bad policy %j is 400 naming the field, and nothing is recorded', async (policy, message) => {
    const before = await t.eventCount();
    const { status, body } = await t.api('PUT', '/api/v1/environments/lab', policy);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) });
    expect(await t.eventCount()).toBe(before);
    expect((await t.api('GET', '/api/v1/environments/lab')).status).toBe(404);
  });

  it('a bad environment name is 400; an environment nobody configured is 404', async () => {
    expect((await t.api('PUT', '/api/v1/environments/Prod_1', canary)).body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(/^env: must be a lower-case DNS label/),
    });
    expect((await t.api('GET', '/api/v1/environments/dev')).body).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'environment "dev" is not configured (PUT /api/v1/environments/dev creates it)',
    });
  });

  it('ConfigureEnvironment from the bus sets the policy once, however often it is delivered', async () => {
    const send = () =>
      publisher(bus).command('ConfigureEnvironment', { environment: 'edge', policy: canary }, 'cfg-edge-1');
    await send();
    await send();
    await eventually(async () => expect((await t.api('GET', '/api/v1/environments/edge')).body.policyVersion).toBe(1));
    const [{ n }] = await t.service.db.query(
      `SELECT count(*)::int AS n FROM events WHERE event_type = 'EnvironmentConfigured' AND stream_id = 'environment-edge'`,
    );
    expect(n).toBe(1);
  });

  it('documents every route of the edges in its OpenAPI, with the answers each can give', async () => {
    const { body } = await t.api('GET', '/docs-json');
    const operations = Object.entries(body.paths as Record<string, Record<string, { responses: object }>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const),
    );
    expect(operations.map(([route]) => route)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/environments',
        'GET /api/v1/environments/{env}',
        'PUT /api/v1/environments/{env}',
        'GET /api/v1/environments/{env}/traffic',
        'GET /api/v1/environments/{env}/models/{name}/info',
        'POST /api/v1/environments/{env}/models/{name}/deployments',
        'GET /api/v1/environments/{env}/models/{name}/deployments',
        'GET /api/v1/environments/{env}/models/{name}/history',
        'POST /api/v1/environments/{env}/models/{name}/promote',
        'POST /api/v1/environments/{env}/models/{name}/abort',
        'POST /api/v1/environments/{env}/models/{name}/rollback',
        'POST /api/v1/environments/{env}/models/{name}/scale',
        'DELETE /api/v1/environments/{env}/models/{name}',
        'GET /api/v1/deployments/status',
        'GET /api/v1/deployments/{deploymentId}',
        'GET /api/v1/triggers',
      ]),
    );
    for (const [route, op] of operations.filter(
      ([r]) => r.includes('/environments/{env}/models/{name}') && !r.startsWith('GET'),
    ))
      expect([route, Object.keys(op.responses).sort()]).toEqual([
        route,
        ['202', '400', '403', '404', '409', '413', '415'],
      ]);
  });
});
