import { AlreadyExistsError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { principalDecider } from '../principal.decider';
import { command, created, DIGEST, event, TOKEN_ID } from '../principal.fixtures';

describe('bootstrap the first admin', () => {
  it('creates a user with the admin role and its token, together', () => {
    given(principalDecider, [])
      .when(command('BootstrapAdmin', { tokenId: TOKEN_ID, secretSha256: DIGEST }))
      .then([
        event('PrincipalCreated', { kind: 'user', displayName: '', roles: ['admin'] }),
        event('TokenIssued', { tokenId: TOKEN_ID, secretSha256: DIGEST, label: 'bootstrap', expiresAt: null }),
      ]);
  });

  it('refuses a stream that already holds a principal', () => {
    given(principalDecider, [created()])
      .when(command('BootstrapAdmin', { tokenId: TOKEN_ID, secretSha256: DIGEST }))
      .thenThrows(AlreadyExistsError, /principal "alice" already exists/);
  });
});
