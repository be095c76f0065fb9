import { ValidationError } from '@ledger/contracts';
import { driftVectors } from '../measuring-drift/drift-vectors.fixture';
import { measureSliceGap } from './slice-gap.domain';

const numbers = (values: (number | null)[]) => Float64Array.from(values, (value) => value ?? NaN);

describe('metric per slice against overall, as pandas groupby computes it (to 1e-6)', () => {
  it.each(driftVectors.sliceGap.map((c) => [c.metric, c] as const))('%s', (metric, expected) => {
    const report = measureSliceGap({
      labels: numbers(expected.labels),
      predictions: numbers(expected.predictions),
      slices: expected.slices,
      metric,
    });
    expect(Math.abs(report.overall! - expected.overall)).toBeLessThanOrEqual(1e-6);
    for (const slice of report.slices) {
      const want = expected.perSlice[slice.value!];
      expect(slice.rows).toBe(want.rows);
      expect(Math.abs(slice.metric - want.metric)).toBeLessThanOrEqual(1e-6);
    }
    expect(report.slices).toHaveLength(Object.keys(expected.perSlice).length);
  });

  it('the worst judged slice is the one the data was built to hurt; a small slice is listed, not judged', () => {
    const [accuracy, mae] = driftVectors.sliceGap.map((c) =>
      measureSliceGap({
        labels: numbers(c.labels),
        predictions: numbers(c.predictions),
        slices: c.slices,
        metric: c.metric,
      }),
    );
    expect(accuracy.worst?.value).toBe('south');
    expect(accuracy.largestGap).toBeCloseTo(accuracy.overall! - accuracy.worst!.metric, 12);
    expect(mae.worst?.value).toBe('east');
    expect(mae.largestGap).toBeGreaterThan(2);
    expect(accuracy.slices.find((slice) => slice.value === 'west')).toMatchObject({ rows: 27, judged: false });
  });
});

describe('classes as strings, missing values, small data', () => {
  it('scores string classes, skips rows with a missing label or prediction, keeps null as a slice', () => {
    const report = measureSliceGap({
      labels: ['a', 'b', 'a', null, 'b', 'a'],
      predictions: ['a', 'a', 'a', 'b', null, 'b'],
      slices: ['x', 'x', 'y', 'y', null, null],
      metric: 'accuracy',
      minSliceSize: 1,
    });
    expect(report.rows).toBe(4);
    expect(report.overall).toBe(0.5);
    expect(report.slices.map((slice) => [slice.value, slice.rows, slice.metric])).toEqual([
      ['x', 2, 0.5],
      ['y', 1, 1],
      [null, 1, 0],
    ]);
    expect(report.worst).toMatchObject({ value: null, gap: 0.5 });
  });

  it('no slice large enough: no worst slice and no gap', () => {
    const report = measureSliceGap({ labels: ['a'], predictions: ['a'], slices: ['x'], metric: 'accuracy' });
    expect(report).toMatchObject({ worst: null, largestGap: null, minSliceSize: 30 });
  });

  it.each([
    [{ metric: 'f1' }, 'metric'],
    [{ metric: 'mae', labels: ['1'] }, 'labels'],
    [{ slices: ['x', 'y'] }, 'slices'],
    [{ minSliceSize: 0 }, 'minSliceSize'],
  ])('rejects %j naming %s', (override, field) => {
    const input = { labels: ['a'], predictions: ['a'], slices: ['x'], metric: 'accuracy', ...override };
    expect(() => measureSliceGap(input as never)).toThrow(ValidationError);
    expect(() => measureSliceGap(input as never)).toThrow(new RegExp(`^${field}:`));
  });
});
