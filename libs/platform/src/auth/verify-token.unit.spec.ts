// The module itself, not a copy of its exports: a spy on it sees the calls verify-token makes.
import crypto from 'node:crypto';
import { formatToken } from '@ledger/contracts';
import { Credentials } from './credentials';
import { TokenRecord } from './identity-read-model';
import { Refusal, sha256, verifyCredentials } from './verify-token';

const tokenId = 'a'.repeat(32);
const secret = 'S'.repeat(43);
const token = formatToken({ tokenId, secret });
const now = new Date('2026-03-01T12:00:00Z');

const record = (overrides: Partial<TokenRecord> = {}): TokenRecord => ({
  tokenId,
  secretSha256: sha256(secret).toString('hex'),
  expiresAt: null,
  revoked: false,
  principalId: '0193e2a0-0000-7000-8000-000000000001',
  name: 'alice',
  kind: 'user',
  roles: ['approver'],
  disabled: false,
  ...overrides,
});

const verify = (credentials: Credentials, found: TokenRecord | undefined) =>
  verifyCredentials(credentials, async () => found, now);
const bearer = (value = token): Credentials => ({ scheme: 'bearer', token: value });

describe('verifying an API token against the identity read model', () => {
  afterEach(() => jest.restoreAllMocks());

  it('proves the principal of a known, live token with the right secret', async () => {
    expect(await verify(bearer(), record())).toEqual({
      principal: { principalId: record().principalId, name: 'alice', kind: 'user', roles: ['approver'] },
    });
    expect(await verify({ scheme: 'basic', username: 'alice', token }, record())).toMatchObject({
      principal: { name: 'alice' },
    });
  });

  it('compares the digests in constant time, also for an unknown token id', async () => {
    const compare = jest.spyOn(crypto, 'timingSafeEqual');
    await verify(bearer(), record());
    await verify(bearer(), undefined);
    expect(compare).toHaveBeenCalledTimes(2);
  });

  it.each<[string, Credentials, TokenRecord | undefined, Refusal]>([
    ['no credentials', { scheme: 'none' }, record(), 'missing'],
    ['a malformed header', { scheme: 'malformed' }, record(), 'malformed'],
    ['a token that is not mlt_<id>_<secret>', bearer('not-a-token'), record(), 'malformed'],
    ['a token whose secret is too short', bearer(`mlt_${tokenId}_short`), record(), 'malformed'],
    ['an unknown token id', bearer(), undefined, 'unknown'],
    ['a wrong secret', bearer(formatToken({ tokenId, secret: 'W'.repeat(43) })), record(), 'wrong-secret'],
    ['a revoked token', bearer(), record({ revoked: true }), 'revoked'],
    ['an expired token', bearer(), record({ expiresAt: now }), 'expired'],
    ['a disabled principal', bearer(), record({ disabled: true }), 'disabled'],
    ["Basic with another user's token", { scheme: 'basic', username: 'bob', token }, record(), 'wrong-user'],
    [
      "Basic with the right user and another's secret",
      { scheme: 'basic', username: 'alice', token: formatToken({ tokenId, secret: 'W'.repeat(43) }) },
      record(),
      'wrong-secret',
    ],
  ])('proves nothing with %s', async (_, credentials, found, reason) => {
    expect(await verify(credentials, found)).toEqual({ refused: reason });
  });

  it('accepts a token until the instant it expires', async () => {
    expect(await verify(bearer(), record({ expiresAt: new Date(now.getTime() + 1) }))).toHaveProperty('principal');
  });
});
