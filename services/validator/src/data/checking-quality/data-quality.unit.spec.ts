import { ValidationError } from '@ledger/contracts';
import { checkQuality } from './data-quality.domain';

const columns = () => ({
  age: Float64Array.from([23, 41, NaN, 67, 150, -1, 35, NaN, 52, 30]),
  income: Float64Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]),
  plan: ['basic', 'pro', null, 'basic', 'pro', 'pro', null, null, 'basic', 'pro'],
});

describe('missing values per column', () => {
  it('counts NaN and null, and fails a column above the allowed rate', () => {
    const report = checkQuality(columns(), { maxMissingRate: 0.25 });
    expect(report.missing).toEqual([
      { column: 'age', missing: 2, rate: 0.2, maxRate: 0.25, passed: true },
      { column: 'income', missing: 0, rate: 0, maxRate: 0.25, passed: true },
      { column: 'plan', missing: 3, rate: 0.3, maxRate: 0.25, passed: false },
    ]);
    expect(report.passed).toBe(false);
  });

  it('takes a rate per column; a column without one is reported but not judged', () => {
    const report = checkQuality(columns(), { maxMissingRate: { plan: 0.3 } });
    expect(report.missing.map((check) => [check.column, check.maxRate, check.passed])).toEqual([
      ['age', null, true],
      ['income', null, true],
      ['plan', 0.3, true],
    ]);
    expect(report.passed).toBe(true);
  });
});

describe('declared ranges', () => {
  it('counts values below and above, inclusive bounds, missing values left out', () => {
    const report = checkQuality(columns(), { ranges: { age: { min: 0, max: 120 }, income: { min: 10, max: 100 } } });
    expect(report.ranges).toEqual([
      { column: 'age', min: 0, max: 120, below: 1, above: 1, outsideRate: 0.25, passed: false },
      { column: 'income', min: 10, max: 100, below: 0, above: 0, outsideRate: 0, passed: true },
    ]);
  });

  it('a one-sided range checks one side', () => {
    const [check] = checkQuality(columns(), { ranges: { age: { max: 100 } } }).ranges;
    expect(check).toMatchObject({ min: null, max: 100, below: 0, above: 1, passed: false });
  });

  it('a range on a missing or non-numeric column fails and says why', () => {
    const report = checkQuality(columns(), { ranges: { nope: { min: 0 }, plan: { min: 0 } } });
    expect(report.ranges.map((check) => [check.column, check.passed, check.note])).toEqual([
      ['nope', false, 'no such column'],
      ['plan', false, 'not a numeric column'],
    ]);
  });
});

describe('row count', () => {
  it.each([
    [10, true],
    [11, false],
  ])('minRows %d on 10 rows → passed %s', (minRows, passed) => {
    expect(checkQuality(columns(), { minRows }).rowCount).toEqual({ rows: 10, minRows, passed });
  });

  it('no expectations: nothing judged, everything passes', () => {
    expect(checkQuality(columns(), {})).toMatchObject({ rows: 10, rowCount: null, schema: null, passed: true });
  });
});

describe('bad expectations are 400s naming the field', () => {
  it.each([
    [{ maxMissingRate: 1.5 }, 'maxMissingRate'],
    [{ maxMissingRate: { age: -0.1 } }, 'maxMissingRate.age'],
    [{ ranges: { age: { min: 5, max: 1 } } }, 'ranges.age'],
    [{ ranges: { age: { min: NaN } } }, 'ranges.age'],
    [{ minRows: 2.5 }, 'minRows'],
    [{ signature: [{ name: 'age', type: 'decimal' }] }, 'signature\\[0\\].type'],
    [{ signature: [{ name: '', type: 'double' }] }, 'signature\\[0\\].name'],
  ])('%j', (expectations, field) => {
    const run = () => checkQuality(columns(), expectations as never);
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(new RegExp(`^${field}:`));
  });

  it('columns of different lengths are rejected', () => {
    expect(() => checkQuality({ a: new Float64Array(3), b: ['x'] }, {})).toThrow(/^columns:/);
  });
});
