import { NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { principalDecider } from '../principal.decider';
import { command, created, event } from '../principal.fixtures';

describe('disable a principal', () => {
  it('disables an enabled principal', () => {
    given(principalDecider, [created()])
      .when(command('DisablePrincipal', {}))
      .then([event('PrincipalDisabled', {})]);
  });

  it('changes nothing for a principal already disabled', () => {
    given(principalDecider, [created(), event('PrincipalDisabled', {})])
      .when(command('DisablePrincipal', {}))
      .thenNothing();
  });

  it('does not know a principal that was never created', () => {
    given(principalDecider, [])
      .when(command('DisablePrincipal', {}))
      .thenThrows(NotFoundError, /principal "alice" does not exist/);
  });
});
