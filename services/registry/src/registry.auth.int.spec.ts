import { randomBytes } from 'node:crypto';
import { formatToken, parseToken } from '@ledger/contracts';
import { ManualClock } from '@ledger/eventstore';
import { Bus, createBus } from '@ledger/messaging';
import {
  eventually,
  freshDatabaseUrl,
  IdentityEventsPublisher,
  mintToken,
  MintedToken,
  TestPrincipal,
} from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from './registry.harness';

interface Answer {
  status: number;
  text: string;
  headers: Headers;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const basic = (user: string, token: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${token}`).toString('base64')}`,
});
const unique = () => `m-${randomBytes(4).toString('hex')}`;

// Every route of the registry (native and MLflow) against the identity events it learns from
// the bus: only a live token of an enabled principal, presented as itself, gets through.
describe('registry with authentication on', () => {
  const clock = new ManualClock('2026-03-01T12:00:00Z');
  const answers: Answer[] = [];
  const logged: string[] = [];
  let bus: Bus;
  let t: RegistryUnderTest;
  let identity: IdentityEventsPublisher;
  let alice: TestPrincipal;
  let aliceToken: MintedToken;
  let bobToken: MintedToken;
  let gatewayToken: MintedToken;
  let revoked: MintedToken;
  let expiring: MintedToken;
  let disabledToken: MintedToken;

  async function call(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<Answer> {
    const response = await fetch(`${t.registry.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = { status: response.status, text: await response.text(), headers: response.headers };
    answers.push(answer);
    return answer;
  }

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      const capture = (chunk: unknown, ...rest: unknown[]) => (logged.push(String(chunk)), write(chunk, ...rest));
      jest.spyOn(stream, 'write').mockImplementation(capture as typeof stream.write);
    }
    bus = await createBus({
      kind: 'postgres',
      databaseUrl: freshDatabaseUrl('registry_auth_bus'),
      clientId: 'registry-auth-test',
    });
    t = await startRegistry('registry_auth', { bus, clock, auth: 'on' });
    identity = new IdentityEventsPublisher(bus);
    alice = await identity.createPrincipal('alice');
    const bob = await identity.createPrincipal('bob');
    const mallory = await identity.createPrincipal('mallory');
    const gateway = await identity.createPrincipal('gateway', { kind: 'service', roles: ['delegate'] });
    [aliceToken, bobToken, gatewayToken, revoked, disabledToken] = [
      await identity.issueToken(alice),
      await identity.issueToken(bob),
      await identity.issueToken(gateway),
      await identity.issueToken(alice),
      await identity.issueToken(mallory),
    ];
    expiring = await identity.issueToken(alice, '2026-03-01T13:00:00Z');
    for (const token of [aliceToken, bobToken, gatewayToken, revoked, expiring, disabledToken]) {
      await eventually(async () => expect((await call('GET', '/api/v1/models', bearer(token.token))).status).toBe(200));
    }
    await call('POST', '/api/v1/models', bearer(aliceToken.token), { name: 'seen' });
    await identity.revokeToken(alice, revoked.tokenId);
    await identity.disable(mallory);
    clock.set('2026-03-01T13:00:00Z');
    for (const token of [revoked, disabledToken, expiring]) {
      await eventually(async () => expect((await call('GET', '/api/v1/models', bearer(token.token))).status).toBe(401));
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
    await bus?.close();
  });

  const routes: [string, string, () => unknown][] = [
    ['POST', '/api/v1/models', () => ({ name: unique() })],
    ['GET', '/api/v1/models/seen', () => undefined],
    ['POST', '/api/2.0/mlflow/registered-models/create', () => ({ name: unique() })],
    ['GET', '/api/2.0/mlflow/registered-models/get?name=seen', () => undefined],
  ];
  const refused: [string, () => Record<string, string>][] = [
    ['no credentials', () => ({})],
    ['a malformed header', () => ({ authorization: 'Token abc' })],
    ['an unknown token', () => bearer(mintToken().token)],
    [
      'a wrong secret',
      () => bearer(formatToken({ tokenId: aliceToken.tokenId, secret: randomBytes(32).toString('base64url') })),
    ],
    ["Basic with another user's token", () => basic('bob', aliceToken.token)],
    ['a revoked token', () => bearer(revoked.token)],
    ['an expired token', () => bearer(expiring.token)],
    ['a token of a disabled principal', () => basic('mallory', disabledToken.token)],
  ];
  const accepted: [string, () => Record<string, string>][] = [
    ['a valid Bearer token', () => bearer(aliceToken.token)],
    ['valid Basic credentials', () => basic('alice', aliceToken.token)],
  ];

  describe.each(routes)('%s %s', (method, path, body) => {
    it.each(refused)('answers 401 UNAUTHENTICATED to %s', async (_, headers) => {
      const answer = await call(method, path, headers(), body());
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.text)).toEqual({ error_code: 'UNAUTHENTICATED', message: expect.any(String) });
      expect(answer.headers.get('www-authenticate')).toBe('Basic realm="Model Ledger", Bearer realm="Model Ledger"');
    });

    it.each(accepted)('serves %s', async (_, headers) => {
      const answer = await call(method, path, headers(), body());
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
    });
  });

  it('authenticates the raw artifact upload too, refusing it before reading the body', async () => {
    const upload = (headers: Record<string, string>) =>
      fetch(`${t.registry.url}/api/v1/models/seen/versions/1/artifact`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', ...headers },
        body: randomBytes(64 * 1024),
      });
    const refusedUpload = await upload({});
    expect([refusedUpload.status, refusedUpload.headers.get('connection')]).toEqual([401, 'close']);
    expect(await refusedUpload.json()).toMatchObject({ error_code: 'UNAUTHENTICATED' });
    // Past authentication: the version does not exist.
    expect((await upload(bearer(aliceToken.token))).status).toBe(404);
  });

  it('keeps /health, /metrics and the OpenAPI document open', async () => {
    for (const path of ['/health', '/metrics', '/docs-json', '/docs'])
      expect((await call('GET', path)).status).toBe(200);
  });

  it('documents both schemes on every protected operation, with its 401, and none on the open ones', async () => {
    const document = JSON.parse((await call('GET', '/docs-json')).text);
    expect(document.components.securitySchemes).toMatchObject({
      basic: { type: 'http', scheme: 'basic' },
      bearer: { type: 'http', scheme: 'bearer' },
    });
    const operations = Object.entries(
      document.paths as Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>,
    ).flatMap(([path, methods]) => Object.values(methods).map((operation) => ({ path, ...operation })));
    const open = operations.filter((o) => ['/health', '/metrics'].includes(o.path));
    const protectedOnes = operations.filter((o) => !open.includes(o));
    expect(open).toHaveLength(2);
    expect(protectedOnes.length).toBeGreaterThan(30);
    for (const operation of open) expect(operation.security).toBeUndefined();
    for (const operation of protectedOnes) {
      expect(operation.security).toEqual([{ basic: [] }, { bearer: [] }]);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('records the principal as the actor of the events it causes', async () => {
    const name = unique();
    expect((await call('POST', '/api/v1/models', basic('alice', aliceToken.token), { name })).status).toBe(201);
    expect(await actorOf(name)).toEqual({ id: 'alice', kind: 'user' });
  });

  it('records whom a delegating service account acts for, and the account as via', async () => {
    const name = unique();
    const answer = await call(
      'POST',
      '/api/2.0/mlflow/registered-models/create',
      { ...bearer(gatewayToken.token), 'x-actor': 'carol' },
      { name },
    );
    expect(answer.status).toBe(200);
    expect(await actorOf(name)).toEqual({ id: 'carol', kind: 'user', via: { id: 'gateway', kind: 'service' } });
  });

  it('refuses X-Actor from anyone else with 403 PERMISSION_DENIED', async () => {
    const name = unique();
    for (const path of ['/api/v1/models', '/api/2.0/mlflow/registered-models/create']) {
      const answer = await call('POST', path, { ...bearer(bobToken.token), 'x-actor': 'alice' }, { name });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toMatchObject({ error_code: 'PERMISSION_DENIED' });
    }
    expect((await call('GET', `/api/v1/models/${name}`, bearer(bobToken.token))).status).toBe(404);
  });

  it('counts every refusal by its reason for the operator, which the caller never learns', async () => {
    const metrics = (await call('GET', '/metrics')).text;
    for (const reason of [
      'missing',
      'malformed',
      'unknown',
      'wrong-secret',
      'wrong-user',
      'revoked',
      'expired',
      'disabled',
    ]) {
      expect(metrics).toMatch(
        new RegExp(`ledger_http_unauthenticated_total\\{reason="${reason}",service="registry"\\} [1-9]`),
      );
    }
    const messages = new Set(answers.filter((a) => a.status === 401).map((a) => JSON.parse(a.text).message));
    expect(messages.size).toBe(2); // no credentials at all, or credentials that prove nothing
  });

  it('never shows a token in an answer or a log line', () => {
    const secrets = [aliceToken, bobToken, gatewayToken, revoked, expiring, disabledToken].map(
      (token) => parseToken(token.token)!.secret,
    );
    const shown = [...answers.map((a) => a.text), ...logged];
    expect(answers.filter((a) => a.status === 401).length).toBeGreaterThanOrEqual(routes.length * refused.length);
    expect(
      shown.filter((text) => /mlt_[0-9a-f]{32}_/.test(text) || secrets.some((secret) => text.includes(secret))),
    ).toEqual([]);
  });

  async function actorOf(name: string): Promise<unknown> {
    const [event] = await t.registry.db.query(
      `SELECT metadata->'actor' AS actor FROM events WHERE event_type = 'RegisteredModelCreated' AND data->>'name' = $1`,
      [name],
    );
    return event?.actor;
  }
});
