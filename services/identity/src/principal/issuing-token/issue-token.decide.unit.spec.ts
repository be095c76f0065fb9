import { AlreadyExistsError, IllegalStateError, NotFoundError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { principalDecider } from '../principal.decider';
import { created, DIGEST, event, issued, issueToken, TOKEN_ID, tokenIdOf } from '../principal.fixtures';
import { MAX_LIVE_TOKENS } from './issue-token.decide';

const fullOfTokens = (expiresAt: string | null = null) =>
  Array.from({ length: MAX_LIVE_TOKENS }, (_, i) => issued(tokenIdOf(i + 1), expiresAt));

describe('issue a token', () => {
  it('records the token by the digest of its secret, without expiry', () => {
    given(principalDecider, [created()])
      .when(issueToken({ label: 'laptop' }))
      .then([event('TokenIssued', { tokenId: TOKEN_ID, secretSha256: DIGEST, label: 'laptop', expiresAt: null })]);
  });

  it('records an expiry in the future of the command', () => {
    given(principalDecider, [created()])
      .when(issueToken({ expiresAt: '2026-04-01T00:00:00.000Z' }))
      .then([
        event('TokenIssued', {
          tokenId: TOKEN_ID,
          secretSha256: DIGEST,
          label: '',
          expiresAt: '2026-04-01T00:00:00.000Z',
        }),
      ]);
  });

  it('refuses an expiry that is not in the future of the command', () => {
    given(principalDecider, [created()])
      .when(issueToken({ expiresAt: '2026-03-03T14:00:00.000Z' }))
      .thenThrows(ValidationError, /expiresAt: must be in the future/);
  });

  it('refuses a token to a disabled principal', () => {
    given(principalDecider, [created(), event('PrincipalDisabled', {})])
      .when(issueToken())
      .thenThrows(IllegalStateError, /is disabled and cannot get new tokens/);
  });

  it('refuses a token id the principal already had', () => {
    given(principalDecider, [created(), issued(), event('TokenRevoked', { tokenId: TOKEN_ID })])
      .when(issueToken())
      .thenThrows(AlreadyExistsError, /token 0123456789abcdef0123456789abcdef already exists/);
  });

  it(`refuses a token beyond ${MAX_LIVE_TOKENS} live ones`, () => {
    given(principalDecider, [created(), ...fullOfTokens()])
      .when(issueToken())
      .thenThrows(IllegalStateError, new RegExp(`already has ${MAX_LIVE_TOKENS} live tokens: revoke one first`));
  });

  it('does not count expired tokens against the limit', () => {
    given(principalDecider, [created(), ...fullOfTokens('2026-03-01T00:00:00.000Z')])
      .when(issueToken())
      .then([issued()]);
  });

  it('does not count revoked tokens against the limit', () => {
    given(principalDecider, [created(), ...fullOfTokens(), event('TokenRevoked', { tokenId: tokenIdOf(1) })])
      .when(issueToken())
      .then([issued()]);
  });

  it('does not know a principal that was never created', () => {
    given(principalDecider, [])
      .when(issueToken())
      .thenThrows(NotFoundError, /principal "alice" does not exist/);
  });
});
