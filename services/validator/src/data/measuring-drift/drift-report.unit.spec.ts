import { ValidationError } from '@ledger/contracts';
import { measureDrift } from './drift-report.domain';

/** A deterministic spread of values (no randomness in tests): i-th quantile-ish points of [from, to). */
function spread(n: number, from: number, to: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => from + ((i * 7919) % n) * ((to - from) / n));
}
const repeat = (value: string, n: number) => Array.from({ length: n }, () => value);

describe('the dataset drift summary', () => {
  const reference = { a: spread(200, 0, 1), b: spread(200, 0, 1), c: spread(200, 0, 1), d: spread(200, 0, 1) };

  it('flags dataset drift when the share of drifted columns reaches drift_share (0.5 by default)', () => {
    const current = { a: spread(150, 0.5, 1.5), b: spread(150, 0.5, 1.5), c: spread(150, 0, 1), d: spread(150, 0, 1) };
    const report = measureDrift(reference, current);
    expect(report.columns.map((column) => column.drifted)).toEqual([true, true, false, false]);
    expect(report.summary).toEqual({
      columns: 4,
      testedColumns: 4,
      driftedColumns: 2,
      shareOfDriftedColumns: 0.5,
      driftShare: 0.5,
      datasetDrift: true,
    });
  });

  it('does not when the share stays below drift_share', () => {
    const current = { a: spread(150, 0.5, 1.5), b: spread(150, 0, 1), c: spread(150, 0, 1), d: spread(150, 0, 1) };
    const report = measureDrift(reference, current, { driftShare: 0.3 });
    expect(report.summary).toMatchObject({ driftedColumns: 1, shareOfDriftedColumns: 0.25, datasetDrift: false });
  });

  it('reports each column with its method, score and threshold', () => {
    const report = measureDrift({ a: reference.a }, { a: spread(150, 0, 1) });
    expect(report.columns[0]).toMatchObject({ column: 'a', type: 'numerical', method: 'ks', threshold: 0.05 });
    expect(report.columns[0].score).toBeGreaterThan(0.05);
  });
});

describe('overrides, as Evidently takes them (column, then type, then all)', () => {
  const reference = { x: spread(300, 0, 1), y: spread(300, 0, 1), k: repeat('a', 300) };
  const current = { x: spread(300, 0.02, 1.02), y: spread(300, 0, 1), k: repeat('a', 300) };

  it('a per-column method and threshold win over the method for all columns', () => {
    const report = measureDrift(reference, current, {
      method: 'psi',
      perColumnMethod: { x: 'wasserstein' },
      perColumnThreshold: { x: 0.01 },
    });
    expect(report.columns.map((column) => [column.method, column.threshold])).toEqual([
      ['wasserstein', 0.01],
      ['psi', 0.1],
      ['psi', 0.1],
    ]);
    expect(report.columns[0].drifted).toBe(true);
  });

  it('numMethod and catMethod apply by type; numThreshold overrides the method default', () => {
    const report = measureDrift(reference, current, {
      numMethod: 'jensenshannon',
      catMethod: 'psi',
      numThreshold: 0.3,
    });
    expect(report.columns.map((column) => [column.method, column.threshold])).toEqual([
      ['jensenshannon', 0.3],
      ['jensenshannon', 0.3],
      ['psi', 0.1],
    ]);
  });

  it.each([
    [{ driftShare: 0 }, 'driftShare'],
    [{ driftShare: 1.5 }, 'driftShare'],
    [{ method: 'anderson' }, 'method'],
    [{ perColumnMethod: { x: 'chisquare' } }, 'perColumnMethod.x'],
    [{ perColumnMethod: { k: 'ks' } }, 'perColumnMethod.k'],
    [{ catMethod: 'wasserstein' }, 'catMethod'],
    [{ perColumnMethod: { nope: 'ks' } }, 'perColumnMethod.nope'],
    [{ perColumnThreshold: { x: -1 } }, 'perColumnThreshold.x'],
    [{ threshold: NaN }, 'threshold'],
  ])('rejects %j, naming %s', (options, field) => {
    const run = () => measureDrift(reference, current, options as never);
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(new RegExp(`^${field.replace('.', '\\.')}:`));
  });

  it('rejects a current sample without a reference column, or with another type', () => {
    expect(() => measureDrift(reference, { x: current.x, y: current.y })).toThrow(/^current\.k:/);
    expect(() => measureDrift(reference, { ...current, k: spread(300, 0, 1) })).toThrow(/^current\.k:/);
  });
});

describe('columns Evidently fails on get a stated result, never NaN', () => {
  it('an all-missing current column is not tested, says why, and does not count in the share', () => {
    const report = measureDrift(
      { x: spread(100, 0, 1), k: repeat('a', 100) },
      { x: new Float64Array(50).fill(NaN), k: [null, null] },
    );
    expect(report.columns.map((column) => [column.method, column.score, column.drifted])).toEqual([
      [null, null, false],
      [null, null, false],
    ]);
    expect(report.columns[0].details).toMatchObject({ currentRows: 0, currentMissing: 50 });
    expect(report.columns[0].details.note).toMatch(/current.*all missing/);
    expect(report.summary).toMatchObject({ testedColumns: 0, shareOfDriftedColumns: 0, datasetDrift: false });
  });

  it('constant columns with the same value do not drift; with different values they do', () => {
    const report = measureDrift(
      {
        same: new Float64Array(2000).fill(3),
        moved: new Float64Array(2000).fill(3),
        small: new Float64Array(10).fill(1),
      },
      {
        same: new Float64Array(900).fill(3),
        moved: new Float64Array(900).fill(4),
        small: new Float64Array(10).fill(1),
      },
    );
    expect(report.columns.map((column) => [column.method, column.score, column.drifted])).toEqual([
      ['jensenshannon', 0, false],
      ['jensenshannon', Math.sqrt(Math.log(2)), true],
      ['z', 1, false],
    ]);
  });

  it('categories unseen in the reference are named, and chi-square gives p = 0 (drift)', () => {
    const reference = [...repeat('a', 60), ...repeat('b', 40), ...repeat('c', 20)];
    const current = [...repeat('a', 55), ...repeat('b', 40), ...repeat('c', 20), ...repeat('new', 5), null];
    const [column] = measureDrift({ k: reference }, { k: current }).columns;
    expect(column).toMatchObject({ method: 'chisquare', score: 0, drifted: true });
    expect(column.details).toMatchObject({ unseenCategories: ['new'], unseenCategoryCount: 1, currentMissing: 1 });
    expect(column.details.note).toMatch(/unseen/);
  });

  it('chi-square on one category in both samples has nothing to compare: p = 1', () => {
    const [column] = measureDrift({ k: repeat('a', 10) }, { k: repeat('a', 5) }, { catMethod: 'chisquare' }).columns;
    expect(column).toMatchObject({ method: 'chisquare', score: 1, drifted: false });
  });

  it('infinite values are dropped like missing ones', () => {
    const current = Float64Array.from([...spread(100, 0, 1), Infinity, -Infinity, NaN]);
    const [column] = measureDrift({ x: spread(100, 0, 1) }, { x: current }).columns;
    expect(column.details).toMatchObject({ currentRows: 100, currentMissing: 3 });
    expect(column.score).toBe(1);
  });
});

describe('dictionary-encoded categories (as a columnar reader gives them)', () => {
  it('measure the same as the strings they encode, code 0 being missing', () => {
    const reference = [...repeat('a', 60), ...repeat('b', 40), null, ...repeat('c', 20)];
    const current = [...repeat('b', 50), ...repeat('a', 50), ...repeat('d', 5), null, null];
    const encode = (values: (string | null)[], labels: string[]) => ({
      codes: Uint32Array.from(values, (value) => (value === null ? 0 : labels.indexOf(value) + 1)),
      labels,
    });
    const plain = measureDrift({ k: reference }, { k: current }, { catMethod: 'jensenshannon' }).columns[0];
    const coded = measureDrift(
      { k: encode(reference, ['c', 'b', 'a']) },
      { k: encode(current, ['a', 'b', 'd']) },
      { catMethod: 'jensenshannon' },
    ).columns[0];
    expect(coded.score).toBeCloseTo(plain.score!, 15);
    expect(coded.details).toEqual(plain.details);
    expect(coded.details).toMatchObject({ referenceMissing: 1, currentMissing: 2, unseenCategories: ['d'] });
  });
});
