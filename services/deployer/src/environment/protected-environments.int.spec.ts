import { dlqTopic, Topics } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';
import { Bus, DLQ_HEADERS, IncomingMessage } from '@ledger/messaging';
import {
  aliasSet,
  artifactAttached,
  eventually,
  IdentityEventsPublisher,
  modelCreated,
  ServiceUnderTest,
  versionCreated,
} from '@ledger/testing';
import type { DeployerContext } from '../deployer.context';
import { edgesOnBus, knowsVersion, publisher, RecordingRollouts } from '../deployer-edges.fixture';

const SHA = 'e'.repeat(64);
const PROTECTED = { trigger: { kind: 'alias', alias: 'champion' }, protection: { approverRole: 'approver' } };
const base = '/api/v1/environments/production/models/churn';
const ACTIONS: [string, string, string, unknown][] = [
  ['deploy', 'POST', `${base}/deployments`, { version: 1 }],
  ['promote', 'POST', `${base}/promote`, {}],
  ['abort', 'POST', `${base}/abort`, {}],
  ['roll back', 'POST', `${base}/rollback`, {}],
  ['scale', 'POST', `${base}/scale`, { replicas: 2 }],
  ['undeploy', 'DELETE', base, undefined],
  ['change the policy', 'PUT', '/api/v1/environments/production', PROTECTED],
];

describe('a protected environment (approverRole)', () => {
  let bus: Bus;
  let t: ServiceUnderTest<DeployerContext>;
  let close: () => Promise<void>;
  const rollouts = new RecordingRollouts();
  const tokens: Record<string, string> = {};
  const as = (who: string): Record<string, string> =>
    who === 'nobody' ? {} : { authorization: `Bearer ${tokens[who]}` };

  beforeAll(async () => {
    ({ bus, t, close } = await edgesOnBus('deployer_prot', rollouts, 'on'));
    const identity = new IdentityEventsPublisher(bus);
    for (const [name, roles] of [
      ['bob', ['editor']],
      ['ana', ['approver']],
      ['root', ['admin']],
      ['ci', []],
    ] as const) {
      const principal = await identity.createPrincipal(name, {
        roles: [...roles],
        kind: name === 'ci' ? 'service' : 'user',
      });
      tokens[name] = (await identity.issueToken(principal)).token;
    }
    tokens.wrong = 'mlt_0000_not-a-token';
    const modelId = newId();
    await publisher(bus).registry(
      modelCreated(modelId),
      versionCreated(modelId, 1),
      artifactAttached(modelId, 3, 1, SHA),
    );
    await eventually(async () => expect(await knowsVersion(t.service.db, 'churn', 1)).toBe(true));
    await eventually(async () =>
      expect((await t.api('PUT', '/api/v1/environments/production', PROTECTED, as('root'))).status).toBe(200),
    );
  });
  afterAll(() => close());
  beforeEach(() => rollouts.clear());

  describe.each(ACTIONS)('%s', (action, method, path, body) => {
    it.each([
      ['nobody', 401],
      ['wrong', 401],
      ['bob', 403],
      ['ana', action === 'change the policy' ? 200 : 202],
      ['root', action === 'change the policy' ? 200 : 202],
    ])('by %s → %i', async (who, status) => {
      const response = await t.api(method, path, body, as(who));
      expect(response.status).toBe(status);
      if (status === 403)
        expect(response.body).toEqual({
          error_code: 'PERMISSION_DENIED',
          message: `bob may not ${action} in protected environment "production": that needs the role "approver"`,
          details: { environment: 'production' },
        });
      if (status >= 400) expect(rollouts.inputs).toEqual([]);
    });
  });

  it('records every denial in the security log, for admins to read', async () => {
    await t.api('POST', `${base}/deployments`, { version: 1 }, as('bob'));
    const { body } = await t.api('GET', '/api/v1/security/denials?limit=1', undefined, as('root'));
    expect(body.denials[0]).toMatchObject({
      channel: 'http',
      principal: 'bob',
      reason: 'bob may not deploy in protected environment "production": that needs the role "approver"',
    });
  });

  it('an unprotected environment takes the deploy from anyone authenticated', async () => {
    expect(
      (await t.api('POST', '/api/v1/environments/staging/models/churn/deployments', { version: 1 }, as('bob'))).status,
    ).toBe(202);
  });

  it('on the bus, a command from an actor without the role goes to the DLQ with the reason and is recorded', async () => {
    const dead: IncomingMessage[] = [];
    const reader = await bus.subscribe({
      consumer: 'deployer-prot-dlq',
      topics: [dlqTopic(Topics.deployerCommands)],
      handle: async (m) => void dead.push(m),
    });
    const data = { name: 'churn', environment: 'production', version: 1 };
    await publisher(bus).command('DeployModelVersion', data, 'ci-prod-1', { id: 'ci', kind: 'service' });
    await eventually(() => expect(dead).toHaveLength(1));
    expect(dead[0].headers[DLQ_HEADERS.error]).toMatch(/ci may not deploy in protected environment "production"/);
    expect(rollouts.inputs).toEqual([]);
    const { body } = await t.api('GET', '/api/v1/security/denials?limit=1', undefined, as('root'));
    expect(body.denials[0]).toMatchObject({ channel: 'bus', principal: 'ci', action: 'DeployModelVersion' });
    await reader.stop();
  });

  it('a trigger acts as the deployer itself: the registry already checked who moved the alias', async () => {
    const modelId = newId();
    await publisher(bus).registry(
      modelCreated(modelId, 'fraud'),
      versionCreated(modelId, 1, {}, { name: 'fraud', artifact: { sha256: SHA, sizeBytes: 1, uri: 'm.onnx' } }),
    );
    await publisher(bus).registry(aliasSet(modelId, 3, 'champion', 1, null, 'fraud'));
    await eventually(() =>
      expect(rollouts.of('RequestRollout').map((r) => r.data.environment)).toEqual(['production']),
    );
  });
});
