import { randomBytes, randomUUID } from 'node:crypto';
import { dlqTopic, Topics } from '@ledger/contracts';
import { ManualClock } from '@ledger/eventstore';
import { Bus, createBus, DLQ_HEADERS, IncomingMessage } from '@ledger/messaging';
import { eventually, freshDatabaseUrl, IdentityEventsPublisher, mintToken, MintedToken } from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from '../../registry.harness';

type Who = 'nobody' | 'wrong token' | 'outsider' | 'reader' | 'editor' | 'manager' | 'approver' | 'admin';
type Needs = 'READ' | 'EDIT' | 'MANAGE' | 'approver';

// Who holds what on each fresh model: the admin creates it, grants, and protects champion and Production.
const ROLES: Record<string, string[]> = { approver: ['approver'], admin: ['admin'] };
const GRANTS = { outsider: 'NO_PERMISSIONS', editor: 'EDIT', manager: 'MANAGE', approver: 'EDIT' } as const;

/** Which callers get through to an action that needs `needs` (the rest: 401 without valid credentials, else 403). */
function allowed(who: Who, needs: Needs): boolean {
  const levels: Record<Who, Needs[]> = {
    nobody: [],
    'wrong token': [],
    outsider: [],
    reader: ['READ'],
    editor: ['READ', 'EDIT'],
    manager: ['READ', 'EDIT', 'MANAGE'],
    approver: ['READ', 'EDIT', 'approver'],
    admin: ['READ', 'EDIT', 'MANAGE', 'approver'],
  };
  return levels[who].includes(needs);
}

/** Every protected action on the native and MLflow routes: [label, what it needs, method, path, body]. */
const ACTIONS = (m: string): [string, Needs, string, string, unknown?][] => [
  ['native: read the model', 'READ', 'GET', `/api/v1/models/${m}`],
  ['mlflow: get a version', 'READ', 'GET', `/api/2.0/mlflow/model-versions/get?name=${m}&version=1`],
  ['native: register a version', 'EDIT', 'POST', `/api/v1/models/${m}/versions`, {}],
  [
    'mlflow: create a version',
    'EDIT',
    'POST',
    '/api/2.0/mlflow/model-versions/create',
    { name: m, source: 's3://b/x' },
  ],
  ['native: set an unprotected alias', 'EDIT', 'PUT', `/api/v1/models/${m}/aliases/challenger`, { version: 1 }],
  ['native: delete a version', 'MANAGE', 'DELETE', `/api/v1/models/${m}/versions/2`],
  ['mlflow: delete a version', 'MANAGE', 'DELETE', '/api/2.0/mlflow/model-versions/delete', { name: m, version: '2' }],
  ['native: grant a permission', 'MANAGE', 'PUT', `/api/v1/models/${m}/permissions/reader`, { permission: 'EDIT' }],
  ['native: set the protected alias', 'approver', 'PUT', `/api/v1/models/${m}/aliases/champion`, { version: 1 }],
  [
    'mlflow: set the protected alias',
    'approver',
    'POST',
    '/api/2.0/mlflow/registered-models/alias',
    { name: m, alias: 'champion', version: '1' },
  ],
  ['native: move to Production', 'approver', 'POST', `/api/v1/models/${m}/versions/1/stage`, { stage: 'Production' }],
  [
    'mlflow: move to Production',
    'approver',
    'POST',
    '/api/2.0/mlflow/model-versions/transition-stage',
    { name: m, version: '1', stage: 'Production', archive_existing_versions: false },
  ],
];

describe('authorization: per-model permissions and protected aliases and stages', () => {
  const clock = new ManualClock('2026-03-01T12:00:00Z');
  const tokens = new Map<Who, MintedToken>();
  let bus: Bus;
  let t: RegistryUnderTest;
  const dlq: IncomingMessage[] = [];

  const headersOf = (who: Who): Record<string, string> => {
    if (who === 'nobody') return {};
    if (who === 'wrong token') return { authorization: `Bearer ${mintToken().token}` };
    return { authorization: `Bearer ${tokens.get(who)!.token}` };
  };
  async function call(who: Who, method: string, path: string, body?: unknown) {
    const response = await fetch(`${t.registry.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headersOf(who) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  const ok = async (who: Who, method: string, path: string, body?: unknown) => {
    const answer = await call(who, method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };

  /** A fresh model as the matrix expects it: two versions, the grants, champion and Production protected. */
  async function freshModel(separationOfDuties = false): Promise<string> {
    const m = `authz-${randomBytes(4).toString('hex')}`;
    await ok('admin', 'POST', '/api/v1/models', { name: m });
    await ok('admin', 'POST', `/api/v1/models/${m}/versions`, {});
    await ok('admin', 'POST', `/api/v1/models/${m}/versions`, {});
    for (const [who, permission] of Object.entries(GRANTS))
      await ok('admin', 'PUT', `/api/v1/models/${m}/permissions/${who}`, { permission });
    await ok('admin', 'PUT', `/api/v1/models/${m}/protection`, {
      protectedAliases: ['champion'],
      protectedStages: ['Production'],
      approverRole: 'approver',
      separationOfDuties,
    });
    return m;
  }

  beforeAll(async () => {
    bus = await createBus({ kind: 'postgres', databaseUrl: freshDatabaseUrl('authz_bus'), clientId: 'authz-test' });
    t = await startRegistry('registry_authz', { bus, clock, auth: 'on' });
    const identity = new IdentityEventsPublisher(bus);
    for (const who of ['outsider', 'reader', 'editor', 'manager', 'approver', 'admin'] as Who[])
      tokens.set(who, await identity.issueToken(await identity.createPrincipal(who, { roles: ROLES[who] ?? [] })));
    const trainer = await identity.createPrincipal('trainer', { kind: 'service' });
    await identity.issueToken(trainer);
    for (const who of tokens.keys())
      await eventually(async () => expect((await call(who, 'GET', '/api/v1/whoami')).body.name).toBe(who));
    await bus.ensureTopics([dlqTopic(Topics.registryCommands)]);
    await bus.subscribe({
      consumer: 'authz-dlq-observer',
      topics: [dlqTopic(Topics.registryCommands)],
      handle: async (message) => void dlq.push(message),
    });
  });

  afterAll(async () => {
    await t?.close();
    await bus?.close();
  });

  const callers: Who[] = ['nobody', 'wrong token', 'outsider', 'reader', 'editor', 'manager', 'approver', 'admin'];
  describe.each(ACTIONS('<model>').map(([label, needs], i) => [label, needs, i] as const))(
    '%s (needs %s)',
    (_l, needs, i) => {
      it.each(callers)('%s', async (who) => {
        const m = await freshModel();
        const [, , method, path, body] = ACTIONS(m)[i];
        const answer = await call(who, method, path, body);
        const expected = who === 'nobody' || who === 'wrong token' ? 401 : allowed(who, needs) ? 'ok' : 403;
        expect({ who, status: answer.status < 300 ? 'ok' : answer.status }).toEqual({ who, status: expected });
        if (expected === 403) expect(answer.body.error_code).toBe('PERMISSION_DENIED');
      });
    },
  );

  it('enforces separation of duties: the one who registered a version cannot promote it, another approver can', async () => {
    const m = await freshModel(true);
    const mine = await ok('approver', 'POST', `/api/v1/models/${m}/versions`, {});
    const version = mine.body.version as number;
    const refused = await call('approver', 'PUT', `/api/v1/models/${m}/aliases/champion`, { version });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(new RegExp(`separation of duties: approver registered version ${version}`));
    const byAdmin = await call('admin', 'POST', `/api/v1/models/${m}/versions/${version}/stage`, {
      stage: 'Production',
    });
    expect(byAdmin.status).toBe(200);
    const adminsOwn = await ok('admin', 'POST', `/api/v1/models/${m}/versions`, {});
    const selfPromotion = await call('admin', 'PUT', `/api/v1/models/${m}/aliases/champion`, {
      version: adminsOwn.body.version,
    });
    expect(selfPromotion.status).toBe(403);
    expect(
      (await call('approver', 'PUT', `/api/v1/models/${m}/aliases/champion`, { version: adminsOwn.body.version }))
        .status,
    ).toBe(200);
  });

  it('refuses an artifact upload without EDIT before reading it, and takes it from an editor', async () => {
    const m = await freshModel();
    const upload = (who: Who) =>
      fetch(`${t.registry.url}/api/v1/models/${m}/versions/1/artifact`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', ...headersOf(who) },
        body: randomBytes(1024),
      });
    const refused = await upload('reader');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /reader has READ on registered model .* needs EDIT/,
    );
    expect((await upload('editor')).status).toBe(201);
  });

  it('hides models one has NO_PERMISSIONS on from searches, native and MLflow', async () => {
    const m = await freshModel();
    const names = async (who: Who) => {
      const native = await call(who, 'GET', `/api/v1/models?filter=${encodeURIComponent(`name = '${m}'`)}`);
      const mlflow = await call(
        who,
        'GET',
        `/api/2.0/mlflow/model-versions/search?filter=${encodeURIComponent(`name = '${m}'`)}`,
      );
      return [native.body.models.length, (mlflow.body.model_versions ?? []).length];
    };
    expect(await names('reader')).toEqual([1, 2]);
    expect(await names('outsider')).toEqual([0, 0]);
    expect(await names('admin')).toEqual([1, 2]);
  });

  it('records every denial in the security log, which only admins may read', async () => {
    const m = await freshModel();
    await call('editor', 'PUT', `/api/v1/models/${m}/aliases/champion`, { version: 1 });
    await eventually(async () => {
      const log = await call('admin', 'GET', '/api/v1/security/denials?limit=50');
      expect(log.body.denials).toContainEqual(
        expect.objectContaining({
          channel: 'http',
          principal: 'editor',
          action: `PUT /api/v1/models/${m}/aliases/champion`,
          reason: expect.stringMatching(/alias "champion" .* is protected/),
        }),
      );
    });
    expect((await call('editor', 'GET', '/api/v1/security/denials')).status).toBe(403);
  });

  it('shows grants and protection to those who manage the model, as events say who granted what', async () => {
    const m = await freshModel();
    const access = await call('manager', 'GET', `/api/v1/models/${m}/access`);
    expect(access.body).toMatchObject({
      defaultPermission: 'READ',
      permissions: { admin: 'MANAGE', editor: 'EDIT', manager: 'MANAGE', outsider: 'NO_PERMISSIONS' },
      protection: { protectedAliases: ['champion'], protectedStages: ['Production'] },
    });
    expect((await call('editor', 'GET', `/api/v1/models/${m}/access`)).status).toBe(403);
    const timeline = await call('admin', 'GET', `/api/v1/models/${m}/audit`);
    const grants = JSON.stringify(timeline.body);
    expect(grants).toContain('ModelPermissionSet');
    expect(grants).toContain('ModelProtectionSet');
  });

  it('refuses a bus command whose actor may not do it to the DLQ with the reason, and logs it', async () => {
    const m = await freshModel();
    const commandId = randomUUID();
    const command = {
      commandId,
      type: 'SetModelAlias',
      schemaVersion: 1,
      actor: { id: 'trainer', kind: 'service' },
      correlationId: commandId,
      data: { name: m, alias: 'champion', version: 1 },
    };
    await bus.publish([
      { topic: Topics.registryCommands, key: m, value: JSON.stringify(command), headers: { type: 'SetModelAlias' } },
    ]);
    await eventually(() => {
      const dead = dlq.find((message) => message.value.includes(commandId));
      expect(dead?.headers[DLQ_HEADERS.error]).toMatch(/PERMISSION_DENIED: trainer has READ/);
    });
    const log = await call('admin', 'GET', '/api/v1/security/denials?limit=50');
    expect(log.body.denials).toContainEqual(
      expect.objectContaining({ channel: 'bus', principal: 'trainer', action: 'SetModelAlias' }),
    );
  });
});
