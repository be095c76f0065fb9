import { bootstrapAdminSettings } from './bootstrap-admin.settings';
import { bootstrapPrincipalId } from './bootstrap-admin';

const TOKEN = `mlt_${'0'.repeat(32)}_${'A'.repeat(43)}`;

describe('the bootstrap admin setting', () => {
  it('is absent when neither the config nor the environment names one (empty counts as unset)', () => {
    expect(bootstrapAdminSettings({}, {})).toBeUndefined();
    expect(bootstrapAdminSettings({}, { BOOTSTRAP_ADMIN_NAME: '', BOOTSTRAP_ADMIN_TOKEN: '' })).toBeUndefined();
  });

  it('takes the config over the environment', () => {
    const env = { BOOTSTRAP_ADMIN_NAME: 'from-env', BOOTSTRAP_ADMIN_TOKEN: TOKEN };
    expect(bootstrapAdminSettings({ bootstrapAdmin: { name: 'admin', token: TOKEN } }, env)).toEqual({
      name: 'admin',
      token: TOKEN,
    });
    expect(bootstrapAdminSettings({}, env)).toEqual({ name: 'from-env', token: TOKEN });
  });

  it('stops the start on half a setting, a bad name or a malformed token, without repeating the token', () => {
    expect(() => bootstrapAdminSettings({}, { BOOTSTRAP_ADMIN_NAME: 'admin' })).toThrow(/set both a name and a token/);
    expect(() => bootstrapAdminSettings({ bootstrapAdmin: { name: ' admin', token: TOKEN } }, {})).toThrow(
      /the name must start with a letter or digit/,
    );
    const malformed = 'mlt_not-a-token-secret';
    expect(() => bootstrapAdminSettings({ bootstrapAdmin: { name: 'admin', token: malformed } }, {})).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(malformed) }),
    );
  });
});

describe('the bootstrap principal id', () => {
  it('is one UUID per name, the same in every instance', () => {
    expect(bootstrapPrincipalId('admin')).toBe(bootstrapPrincipalId('admin'));
    expect(bootstrapPrincipalId('admin')).not.toBe(bootstrapPrincipalId('root'));
    expect(bootstrapPrincipalId('admin')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});
