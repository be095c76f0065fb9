import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { principalDecider } from '../principal.decider';
import { command, created, event, issued, TOKEN_ID } from '../principal.fixtures';

describe('revoke a token', () => {
  it('revokes a live token', () => {
    given(principalDecider, [created(), issued()])
      .when(command('RevokeToken', { tokenId: TOKEN_ID }))
      .then([event('TokenRevoked', { tokenId: TOKEN_ID })]);
  });

  it('revokes the tokens of a disabled principal: that only takes access away', () => {
    given(principalDecider, [created(), issued(), event('PrincipalDisabled', {})])
      .when(command('RevokeToken', { tokenId: TOKEN_ID }))
      .then([event('TokenRevoked', { tokenId: TOKEN_ID })]);
  });

  it('refuses a token that is already revoked', () => {
    given(principalDecider, [created(), issued(), event('TokenRevoked', { tokenId: TOKEN_ID })])
      .when(command('RevokeToken', { tokenId: TOKEN_ID }))
      .thenThrows(IllegalStateError, /is already revoked/);
  });

  it('does not know a token the principal never had', () => {
    given(principalDecider, [created()])
      .when(command('RevokeToken', { tokenId: TOKEN_ID }))
      .thenThrows(NotFoundError, /principal "alice" has no token 0123456789abcdef0123456789abcdef/);
  });

  it('does not know a principal that was never created', () => {
    given(principalDecider, [])
      .when(command('RevokeToken', { tokenId: TOKEN_ID }))
      .thenThrows(NotFoundError, /principal "alice" does not exist/);
  });
});
