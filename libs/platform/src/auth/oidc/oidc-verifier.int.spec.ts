import { UnauthenticatedError } from '@ledger/contracts';
import { ManualClock } from '@ledger/eventstore';
import { OidcVerifier, oidcSettingsFrom } from './oidc-verifier';
import { signingKey, signJwt, startTestIssuer, TestIssuer } from '@ledger/testing';

// JWTs from a configured issuer, verified against the JWKS a real HTTP issuer publishes.
describe('accepting JWTs from an OpenID Connect issuer', () => {
  const rsa = signingKey('rsa-1', 'RS256');
  const ec = signingKey('ec-1', 'ES256');
  const ed = signingKey('ed-1', 'EdDSA');
  const start = new Date('2026-03-03T14:00:00.000Z');
  const at = (seconds: number) => Math.floor(start.getTime() / 1000) + seconds;
  let issuer: TestIssuer;
  let clock: ManualClock;
  let verifier: OidcVerifier;
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: issuer.url,
    aud: ['model-ledger', 'other'],
    sub: 'u-42',
    preferred_username: 'alice',
    exp: at(300),
    iat: at(0),
    realm_access: { roles: ['ml-approvers', 'staff'] },
    ...extra,
  });
  const refused = (token: string, why: RegExp) =>
    expect(verifier.verify(token)).rejects.toThrow(new RegExp(why.source));

  beforeAll(async () => {
    issuer = await startTestIssuer([rsa, ec, ed]);
  });
  afterAll(() => issuer.close());
  beforeEach(() => {
    clock = new ManualClock(start);
    verifier = new OidcVerifier(
      {
        issuer: issuer.url,
        audience: 'model-ledger',
        rolesClaim: 'realm_access.roles',
        roleMap: { 'ml-approvers': 'approver' },
        clockSkewSeconds: 30,
      },
      clock,
    );
  });

  it.each([rsa, ec, ed])('accepts a token signed with $alg and names the principal from its claims', async (key) => {
    await expect(verifier.verify(signJwt(key, claims()))).resolves.toEqual({
      principalId: 'oidc:u-42',
      name: 'alice',
      kind: 'user',
      roles: ['approver'],
    });
  });

  it('falls back to the subject when the username claim is absent', async () => {
    expect((await verifier.verify(signJwt(rsa, claims({ preferred_username: undefined })))).name).toBe('u-42');
  });

  it('refuses an expired token, within the clock skew still accepts it', async () => {
    const token = signJwt(rsa, claims());
    clock.advance(320_000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ name: 'alice' });
    clock.advance(20_000);
    await expect(verifier.verify(token)).rejects.toThrow(UnauthenticatedError);
    await refused(token, /expired/);
  });

  it.each([
    ['another audience', { aud: 'someone-else' }, /another audience/],
    ['another issuer', { iss: 'https://evil.example' }, /another issuer/],
    ['no expiry', { exp: undefined }, /no expiry/],
    ['a not-before in the future', { nbf: at(120) }, /not valid yet/],
    ['no subject', { sub: undefined }, /no subject/],
  ])('refuses a token with %s', async (_, extra, why) => {
    await refused(signJwt(rsa, claims(extra)), why);
  });

  it('refuses unsigned and shared-secret tokens, and a tampered payload', async () => {
    const [header, payload] = signJwt(rsa, claims()).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: 'rsa-1' })).toString('base64url')}.${payload}.`;
    await refused(none, /not a JWT|algorithm none/);
    await refused(signJwt(rsa, claims(), { alg: 'HS256' }), /algorithm HS256 is not accepted/);
    const tampered = Buffer.from(JSON.stringify(claims({ preferred_username: 'mallory' }))).toString('base64url');
    await refused(`${header}.${tampered}.${signJwt(rsa, claims()).split('.')[2]}`, /bad signature/);
  });

  it('follows a key rotation with one refetch, and does not let unknown keys hammer the issuer', async () => {
    await verifier.verify(signJwt(rsa, claims()));
    const rotated = signingKey('rsa-2', 'RS256');
    issuer.published = [rotated];
    const before = issuer.jwksFetches;
    await refused(signJwt(rotated, claims()), /key the issuer does not publish/); // fetched moments ago: not again yet
    expect(issuer.jwksFetches).toBe(before);
    clock.advance(31_000);
    await expect(verifier.verify(signJwt(rotated, claims({ exp: at(600) })))).resolves.toMatchObject({ name: 'alice' });
    expect(issuer.jwksFetches).toBe(before + 1);
    await refused(signJwt(signingKey('stranger', 'RS256'), claims({ exp: at(600) })), /does not publish/);
    expect(issuer.jwksFetches).toBe(before + 1);
    issuer.published = [rsa, ec, ed];
  });

  it('refuses, without a 500, when the issuer cannot be reached', async () => {
    const offline = new OidcVerifier({ issuer: 'http://127.0.0.1:9', audience: 'model-ledger' }, clock);
    await expect(offline.verify(signJwt(rsa, claims()))).rejects.toThrow(/could not be fetched/);
  });

  it('reads its settings from the environment and names a half-configured one', () => {
    expect(oidcSettingsFrom({})).toBeUndefined();
    expect(
      oidcSettingsFrom({
        OIDC_ISSUER: 'https://id.example',
        OIDC_AUDIENCE: 'ml',
        OIDC_ROLE_MAP: 'g1=admin, g2=approver',
      }),
    ).toMatchObject({
      roleMap: { g1: 'admin', g2: 'approver' },
    });
    expect(() => oidcSettingsFrom({ OIDC_ISSUER: 'https://id.example' })).toThrow(/both OIDC_ISSUER and OIDC_AUDIENCE/);
    expect(() => oidcSettingsFrom({ OIDC_ISSUER: 'a', OIDC_AUDIENCE: 'b', OIDC_ROLE_MAP: 'nonsense' })).toThrow(
      /OIDC_ROLE_MAP/,
    );
  });
});
