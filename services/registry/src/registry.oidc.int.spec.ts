import { Bus, createBus } from '@ledger/messaging';
import { freshDatabaseUrl, signingKey, signJwt, startTestIssuer, TestIssuer } from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from './registry.harness';

// A registry configured with an OpenID Connect issuer takes its JWTs beside the platform's own
// API tokens: the token's user is the actor, its groups map to roles.
describe('registry with an OpenID Connect issuer', () => {
  const key = signingKey('k1', 'RS256');
  let issuer: TestIssuer;
  let bus: Bus;
  let t: RegistryUnderTest;
  const jwt = (claims: Record<string, unknown> = {}) =>
    signJwt(key, {
      iss: issuer.url,
      aud: 'model-ledger',
      sub: 'u-7',
      preferred_username: 'carol@example.com',
      groups: ['ml-admins'],
      exp: Math.floor(Date.now() / 1000) + 300,
      ...claims,
    });
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    issuer = await startTestIssuer([key]);
    bus = await createBus({
      kind: 'postgres',
      clientId: 'registry-oidc',
      databaseUrl: freshDatabaseUrl('registry_oidc_bus'),
    });
    t = await startRegistry('registry_oidc', {
      bus,
      auth: 'on',
      oidc: { issuer: issuer.url, audience: 'model-ledger', rolesClaim: 'groups', roleMap: { 'ml-admins': 'admin' } },
    });
  });
  afterAll(async () => {
    await t.close();
    await bus.close();
    await issuer.close();
  });

  it('records the JWT user as the actor of what it does', async () => {
    expect((await t.api('GET', '/api/v1/whoami', undefined, as(jwt()))).body).toEqual({
      authenticated: true,
      name: 'carol@example.com',
      kind: 'user',
      roles: ['admin'],
    });
    expect((await t.api('POST', '/api/v1/models', { name: 'oidc-churn' }, as(jwt()))).status).toBe(201);
    const [event] = await t.registry.db.query(
      `SELECT metadata FROM events WHERE event_type = 'RegisteredModelCreated'`,
    );
    expect(event.metadata.actor).toEqual({ id: 'carol@example.com', kind: 'user' });
  });

  it('refuses an expired JWT or one meant for another audience with 401 and the reason', async () => {
    const expired = await t.api('GET', '/api/v1/models/oidc-churn', undefined, as(jwt({ exp: 1_700_000_000 })));
    expect(expired).toMatchObject({
      status: 401,
      body: { error_code: 'UNAUTHENTICATED', message: expect.stringMatching(/expired/) },
    });
    const elsewhere = await t.api('GET', '/api/v1/models/oidc-churn', undefined, as(jwt({ aud: 'another-app' })));
    expect(elsewhere).toMatchObject({ status: 401, body: { message: expect.stringMatching(/another audience/) } });
  });
});
