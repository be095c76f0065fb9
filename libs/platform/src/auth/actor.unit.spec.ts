import { ForbiddenError, ValidationError } from '@ledger/contracts';
import { actorOf } from './actor';
import { Principal } from './principal';

const principal = (name: string, kind: Principal['kind'], roles: string[] = []): Principal => ({
  principalId: `id-${name}`,
  name,
  kind,
  roles,
});

describe('who acts for a request', () => {
  it('is the principal it authenticated as', () => {
    expect(actorOf(principal('alice', 'user'), undefined)).toEqual({ id: 'alice', kind: 'user' });
    expect(actorOf(principal('trainer', 'service'), undefined)).toEqual({ id: 'trainer', kind: 'service' });
  });

  it('is whom a delegating service account names, with the account as via', () => {
    const gateway = principal('gateway', 'service', ['delegate']);
    expect(actorOf(gateway, 'alice')).toEqual({ id: 'alice', kind: 'user', via: { id: 'gateway', kind: 'service' } });
    expect(actorOf(gateway, 'service:ci')).toEqual({
      id: 'ci',
      kind: 'service',
      via: { id: 'gateway', kind: 'service' },
    });
  });

  it.each([
    ['a user', principal('alice', 'user')],
    ['a user with the delegate role', principal('alice', 'user', ['delegate', 'admin'])],
    ['a service account without it', principal('trainer', 'service', ['approver'])],
  ])('refuses X-Actor from %s', (_, who) => {
    expect(() => actorOf(who, 'bob')).toThrow(ForbiddenError);
  });

  it('takes X-Actor as said, or anonymous, when authentication is off', () => {
    expect(actorOf(undefined, undefined)).toEqual({ id: 'anonymous', kind: 'user' });
    expect(actorOf(undefined, 'service:trainer')).toEqual({ id: 'trainer', kind: 'service' });
    expect(() => actorOf(undefined, 'user:')).toThrow(ValidationError);
  });
});
