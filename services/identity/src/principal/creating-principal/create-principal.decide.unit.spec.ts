import { AlreadyExistsError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { principalDecider } from '../principal.decider';
import { command, created, PRINCIPAL_ID } from '../principal.fixtures';

describe('create a principal', () => {
  it('creates a user under the id minted in the metadata, with its roles', () => {
    given(principalDecider, [])
      .when(command('CreatePrincipal', { kind: 'user', displayName: 'Alice A.', roles: ['approver'] }))
      .then([
        {
          type: 'PrincipalCreated',
          data: {
            principalId: PRINCIPAL_ID,
            name: 'alice',
            kind: 'user',
            displayName: 'Alice A.',
            roles: ['approver'],
          },
        },
      ]);
  });

  it('gives the delegate role to a service account', () => {
    given(principalDecider, [])
      .when(command('CreatePrincipal', { name: 'trainer', kind: 'service', displayName: '', roles: ['delegate'] }))
      .then([
        {
          type: 'PrincipalCreated',
          data: { principalId: PRINCIPAL_ID, name: 'trainer', kind: 'service', displayName: '', roles: ['delegate'] },
        },
      ]);
  });

  it('refuses the delegate role to a user: only service accounts act for others', () => {
    given(principalDecider, [])
      .when(command('CreatePrincipal', { kind: 'user', displayName: '', roles: ['delegate'] }))
      .thenThrows(ValidationError, /roles: the delegate role is only for service accounts/);
  });

  it('refuses to create a principal whose stream already holds one', () => {
    given(principalDecider, [created()])
      .when(command('CreatePrincipal', { kind: 'user', displayName: '', roles: [] }))
      .thenThrows(AlreadyExistsError, /principal "alice" already exists/);
  });
});
