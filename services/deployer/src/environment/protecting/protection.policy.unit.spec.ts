import { refusalOf } from './protection.policy';

const protectedPolicy = { protection: { approverRole: 'approver' } };

describe('a protected environment', () => {
  it('refuses whoever holds neither its approver role nor admin, naming the role', () => {
    expect(refusalOf({ name: 'bob', roles: ['editor'] }, 'production', protectedPolicy, 'deploy')).toBe(
      'bob may not deploy in protected environment "production": that needs the role "approver"',
    );
  });

  it('lets its approvers and admins act', () => {
    expect(refusalOf({ name: 'ana', roles: ['approver'] }, 'production', protectedPolicy, 'deploy')).toBeUndefined();
    expect(refusalOf({ name: 'root', roles: ['admin'] }, 'production', protectedPolicy, 'abort')).toBeUndefined();
  });

  it('is no gate when the environment is not protected', () => {
    expect(refusalOf({ name: 'bob', roles: [] }, 'staging', {}, 'deploy')).toBeUndefined();
  });
});
