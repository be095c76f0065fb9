import { IllegalStateError, NotFoundError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { principalDecider } from '../principal.decider';
import { command, created, event } from '../principal.fixtures';

describe("set a principal's roles", () => {
  it('replaces the roles and records the previous ones', () => {
    given(principalDecider, [created('user', ['approver'])])
      .when(command('SetPrincipalRoles', { roles: ['admin'] }))
      .then([event('PrincipalRolesSet', { roles: ['admin'], previous: ['approver'] })]);
  });

  it('changes nothing when the roles are the same set, in any order', () => {
    given(principalDecider, [created('user', ['admin', 'approver'])])
      .when(command('SetPrincipalRoles', { roles: ['approver', 'admin'] }))
      .thenNothing();
  });

  it('gives a service account the delegate role', () => {
    given(principalDecider, [created('service')])
      .when(command('SetPrincipalRoles', { roles: ['delegate'] }))
      .then([event('PrincipalRolesSet', { roles: ['delegate'], previous: [] })]);
  });

  it('refuses the delegate role to a user', () => {
    given(principalDecider, [created('user')])
      .when(command('SetPrincipalRoles', { roles: ['delegate'] }))
      .thenThrows(ValidationError, /only for service accounts/);
  });

  it('refuses to change a disabled principal', () => {
    given(principalDecider, [created(), event('PrincipalDisabled', {})])
      .when(command('SetPrincipalRoles', { roles: ['admin'] }))
      .thenThrows(IllegalStateError, /principal "alice" is disabled and cannot have its roles changed/);
  });

  it('does not know a principal that was never created', () => {
    given(principalDecider, [])
      .when(command('SetPrincipalRoles', { roles: [] }))
      .thenThrows(NotFoundError, /principal "alice" does not exist/);
  });

  it('does not act on a stream whose principal has another name', () => {
    given(principalDecider, [created()])
      .when(command('SetPrincipalRoles', { name: 'bob', roles: [] }))
      .thenThrows(NotFoundError, /principal "bob" does not exist/);
  });
});
