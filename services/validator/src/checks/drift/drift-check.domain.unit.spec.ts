import { DriftCheckSchema } from '@ledger/contracts';
import { measureDrift } from '../../data';
import { comparedColumns, driftFinding, driftOptions } from './drift-check.domain';

const check = (extra: object = {}) =>
  ({
    id: 'd',
    ...DriftCheckSchema.parse({ kind: 'drift', reference: { name: 'r' }, current: { name: 'c' }, ...extra }),
  }) as never;
const used = [{ role: 'reference' as const, name: 'r', version: 1, sha256: 'x' }];
const range = (n: number, shift = 0) => Float64Array.from({ length: n }, (_, i) => i + shift);

describe('the drift check', () => {
  it('maps auto to Evidently defaults and per-column overrides to per-column options', () => {
    expect(
      driftOptions(check({ column_overrides: { a: { method: 'psi', threshold: 0.2 }, b: { threshold: 0.3 } } })),
    ).toEqual({
      driftShare: 0.5,
      perColumnMethod: { a: 'psi' },
      perColumnThreshold: { a: 0.2, b: 0.3 },
    });
    expect(driftOptions(check({ method: 'ks', threshold: 0.01 }))).toMatchObject({ method: 'ks', threshold: 0.01 });
  });
  it('compares the named columns, else those both datasets share', () => {
    expect(comparedColumns(check(), ['a', 'b', 'c'], ['c', 'a'])).toEqual(['a', 'c']);
    expect(comparedColumns(check({ columns: ['b'] }), ['a', 'b'], ['a'])).toEqual(['b']);
  });
  it('fails when the share of drifted columns reaches drift_share, passes otherwise, with the datasets read', () => {
    const drifted = driftFinding(measureDrift({ x: range(200) }, { x: range(200, 150) }, driftOptions(check())), used);
    expect(drifted).toMatchObject({ outcome: 'failed', value: 1, threshold: 0.5, details: { datasets: used } });
    const same = driftFinding(measureDrift({ x: range(200) }, { x: range(200) }, driftOptions(check())), used);
    expect(same).toMatchObject({ outcome: 'passed', value: 0 });
  });
});
