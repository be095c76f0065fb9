import { baselineKey, baselineRefOfKey } from './version-facts';

describe('baseline references as runs record them', () => {
  it('name the alias, then the stage, and read back to the same reference (an alias may hold ":")', () => {
    for (const ref of [{ alias: 'champion', stage: 'Production' }, { alias: 'team:a' }, { stage: 'Staging' }]) {
      expect(baselineRefOfKey(baselineKey(ref))).toEqual(ref);
    }
    expect(baselineKey({ alias: 'champion', stage: 'Production' })).toBe('alias:champion|stage:Production');
  });
});
