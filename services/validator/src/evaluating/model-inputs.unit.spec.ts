import { binaryLabels, numericTarget } from './labels.domain';
import { ModelInput, planInputs } from './model-inputs.domain';

const floatInput = (width: number | string): ModelInput => ({
  name: 'float_input',
  elementType: 'float32',
  shape: ['', width],
});
const columnInput = (name: string, elementType = 'float32'): ModelInput => ({ name, elementType, shape: ['', 1] });
const dataset = (entries: Record<string, Float64Array | (string | null)[]>) => new Map(Object.entries(entries));

describe('mapping dataset columns to model inputs', () => {
  const columns = dataset({ a: Float64Array.of(1, 2), b: Float64Array.of(3, 4), city: ['x', null] });

  it('feeds a single [N, k] input the declared features, in the declared order', () => {
    const plan = planInputs([floatInput(2)], columns, ['b', 'a']);
    expect(plan).toEqual({
      ok: true,
      rows: 2,
      feeds: [
        {
          input: 'float_input',
          kind: 'numeric',
          elementType: 'float32',
          columns: [columns.get('b'), columns.get('a')],
        },
      ],
    });
  });

  it('feeds each width-1 input the column of its name, text inputs included', () => {
    const plan = planInputs([columnInput('a'), columnInput('city', 'string')], columns);
    expect(plan).toMatchObject({
      ok: true,
      feeds: [
        { input: 'a', kind: 'numeric' },
        { input: 'city', kind: 'text' },
      ],
    });
  });

  it.each([
    ['no feature list for a [N, k] input', [floatInput(2)], undefined, 'features-undeclared', undefined],
    ['a feature list of the wrong width', [floatInput(3)], ['a', 'b'], 'features-undeclared', undefined],
    ['a declared feature the dataset lacks', [floatInput('')], ['a', 'zip'], 'missing-column', 'zip'],
    ['an input named after no column', [columnInput('a'), columnInput('age')], undefined, 'missing-column', 'age'],
    ['text for a numeric input', [floatInput(2)], ['a', 'city'], 'wrong-column-type', 'city'],
  ])('refuses %s', (_, inputs, features, reason, column) => {
    const plan = planInputs(inputs, columns, features);
    expect(plan).toMatchObject({ ok: false, problem: { outcome: 'error', reason } });
    if (!plan.ok) expect(plan.problem.column).toBe(column);
  });

  it('refuses missing values in a numeric feature, counting them', () => {
    const plan = planInputs([columnInput('a')], dataset({ a: Float64Array.of(1, NaN, NaN) }));
    expect(plan).toMatchObject({
      ok: false,
      problem: { reason: 'missing-values', message: expect.stringContaining('2 missing') },
    });
  });

  it('refuses columns of different lengths', () => {
    const plan = planInputs([floatInput(2)], dataset({ a: Float64Array.of(1, 2), b: Float64Array.of(1) }), ['a', 'b']);
    expect(plan).toMatchObject({ ok: false, problem: { reason: 'column-lengths-differ' } });
  });
});

describe('reading the labels', () => {
  it('marks the positive label 1, numeric or text', () => {
    expect(binaryLabels(dataset({ y: Float64Array.of(1, 0, 1) }), 'y', 1)).toEqual({
      ok: true,
      labels: Uint8Array.of(1, 0, 1),
    });
    expect(binaryLabels(dataset({ y: ['yes', 'no'] }), 'y', 'yes')).toEqual({ ok: true, labels: Uint8Array.of(1, 0) });
  });

  it.each([
    ['a third class', dataset({ y: Float64Array.of(0, 1, 2) }), 'labels-not-binary'],
    ['a missing label', dataset({ y: ['yes', null] }), 'missing-values'],
    ['no label column', dataset({}), 'missing-column'],
  ])('refuses %s', (_, columns, reason) => {
    expect(binaryLabels(columns, 'y', 1)).toMatchObject({ ok: false, problem: { outcome: 'error', reason } });
  });

  it('needs a numeric, complete regression target', () => {
    expect(numericTarget(dataset({ y: ['1'] }), 'y')).toMatchObject({
      ok: false,
      problem: { reason: 'wrong-column-type' },
    });
    expect(numericTarget(dataset({ y: Float64Array.of(NaN) }), 'y')).toMatchObject({
      ok: false,
      problem: { reason: 'missing-values' },
    });
  });
});
