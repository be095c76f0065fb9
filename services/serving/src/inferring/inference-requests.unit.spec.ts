import { ValidationError } from '@ledger/contracts';
import type { ModelSignature } from '../runtime/replica-protocol';
import { v1Predictions, v2Outputs } from './inference-response.domain';
import { parseInstances } from './v1-request.domain';
import { parseV2Request } from './v2-request.domain';

const classifier: ModelSignature = {
  inputs: [{ name: 'float_input', isTensor: true, type: 'float32', shape: ['', 3] }],
  outputs: [
    { name: 'label', isTensor: true, type: 'int64', shape: [''] },
    { name: 'probabilities', isTensor: true, type: 'float32', shape: ['', 2] },
  ],
};
const perColumn: ModelSignature = {
  inputs: [
    { name: 'age', isTensor: true, type: 'float32', shape: ['', 1] },
    { name: 'visits', isTensor: true, type: 'int64', shape: ['', 1] },
  ],
  outputs: [{ name: 'variable', isTensor: true, type: 'float32', shape: ['', 1] }],
};
const columns = { inputs: ['a', 'b', 'c'].map((name) => ({ name, type: 'double' })), outputs: [] };

describe('reading an Open Inference Protocol v2 request', () => {
  it('accepts nested or flat row-major data and converts it to the element type the model takes', () => {
    const nested = parseV2Request(
      {
        id: 'r1',
        inputs: [
          {
            name: 'float_input',
            shape: [2, 3],
            datatype: 'FP32',
            data: [
              [1, 2, 3],
              [4, 5, 6],
            ],
          },
        ],
      },
      classifier,
      10,
    );
    expect(nested).toMatchObject({ rows: 2, id: 'r1', outputs: null });
    expect(nested.feeds.float_input).toEqual({
      type: 'float32',
      data: Float32Array.of(1, 2, 3, 4, 5, 6),
      dims: [2, 3],
    });
    const ints = parseV2Request(
      {
        inputs: [
          { name: 'age', shape: [1, 1], datatype: 'FP32', data: [30] },
          { name: 'visits', shape: [1, 1], datatype: 'INT64', data: [2] },
        ],
      },
      perColumn,
      10,
    );
    expect(ints.feeds.visits.data).toEqual(BigInt64Array.of(2n));
  });

  it.each([
    [null, 'request body must be a JSON object'],
    [
      { inputs: [{ name: 'float_input', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] }], id: 7 },
      'id: must be a string',
    ],
    [
      {
        inputs: [
          { name: 'float_input', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] },
          { name: 'float_input', shape: [1, 3], datatype: 'FP32', data: [1, 2, 3] },
        ],
      },
      'given more than once',
    ],
    [
      { inputs: [{ name: 'float_input', shape: [1, 3], datatype: 'FP32', data: [1, 2, Infinity] }] },
      'element 2 is null, not a number',
    ],
    [
      { inputs: [{ name: 'float_input', shape: [1, -3], datatype: 'FP32', data: [] }] },
      'shape must be an array of non-negative integers',
    ],
    [{ inputs: [{ name: 'float_input', shape: [3], datatype: 'FP32', data: [1, 2, 3] }] }, 'has rank 1'],
    [{ inputs: [{ name: 'float_input', shape: [0, 3], datatype: 'FP32', data: [] }] }, 'inputs hold no rows'],
    [{ inputs: [{ name: 'float_input', shape: [1, 3], datatype: 'FP32', data: 'abc' }] }, 'data must be an array'],
  ])('refuses %j: %s', (body, message) => {
    // Through JSON, as a client sends it: an infinite number becomes null.
    const parse = () => parseV2Request(JSON.parse(JSON.stringify(body)), classifier, 10);
    expect(parse).toThrow(ValidationError);
    expect(parse).toThrow(message);
  });

  it('names every missing input and refuses inputs that disagree on rows, or fractional integers', () => {
    expect(() =>
      parseV2Request({ inputs: [{ name: 'age', shape: [1, 1], datatype: 'FP32', data: [1] }] }, perColumn, 10),
    ).toThrow('missing input(s): "visits"');
    const rows = {
      inputs: [
        { name: 'age', shape: [2, 1], datatype: 'FP32', data: [1, 2] },
        { name: 'visits', shape: [1, 1], datatype: 'INT64', data: [1] },
      ],
    };
    expect(() => parseV2Request(rows, perColumn, 10)).toThrow('disagree on the number of rows (2, 1)');
    const fraction = {
      inputs: [
        { name: 'age', shape: [1, 1], datatype: 'FP32', data: [1] },
        { name: 'visits', shape: [1, 1], datatype: 'INT64', data: [1.5] },
      ],
    };
    expect(() => parseV2Request(fraction, perColumn, 10)).toThrow('element 0 is 1.5, not an integer');
  });
});

describe('reading KServe v1 instances', () => {
  it('takes rows of values, or objects keyed by the signature columns in any key order', () => {
    const rows = parseInstances({ instances: [[1, 2, 3]] }, classifier, null, 10);
    const objects = parseInstances({ instances: [{ c: 3, a: 1, b: 2 }] }, classifier, columns, 10);
    expect(objects).toEqual(rows);
  });

  it('feeds a model with one input per column from objects keyed by input name', () => {
    const feeds = parseInstances(
      {
        instances: [
          { age: 30, visits: 2 },
          { age: 40, visits: 5 },
        ],
      },
      perColumn,
      null,
      10,
    );
    expect(feeds.age).toEqual({ type: 'float32', data: Float32Array.of(30, 40), dims: [2, 1] });
    expect(feeds.visits.data).toEqual(BigInt64Array.of(2n, 5n));
  });

  it.each([
    [{ rows: [] }, 'instances: must be a non-empty array'],
    [{ instances: [{ a: 1, b: 2, c: 3 }] }, "the version's signature names no columns"],
    [{ instances: Array.from({ length: 11 }, () => [1, 2, 3]) }, '11 rows is more than the 10'],
    [{ instances: [7] }, 'instances[0]: must be an array of 3 values or an object'],
  ])('refuses %j: %s', (body, message) => {
    expect(() => parseInstances(body, classifier, null, 10)).toThrow(message);
  });

  it('refuses unknown columns by name', () => {
    expect(() => parseInstances({ instances: [{ a: 1, b: 2, c: 3, d: 4 }] }, classifier, columns, 10)).toThrow(
      'unknown column(s) d; the model takes a, b, c',
    );
  });
});

describe('answering', () => {
  const outputs = {
    label: { type: 'int64', data: BigInt64Array.of(1n, 0n), dims: [2] },
    probabilities: { type: 'float32', data: Float32Array.of(0.25, 0.75, 0.5, 0.5), dims: [2, 2] },
  };

  it('gives v2 outputs as flat JSON data with OIP datatypes, in the model order or as asked', () => {
    expect(v2Outputs(outputs, classifier, null).map((o) => [o.name, o.datatype, o.shape])).toEqual([
      ['label', 'INT64', [2]],
      ['probabilities', 'FP32', [2, 2]],
    ]);
    expect(v2Outputs(outputs, classifier, ['probabilities'])).toEqual([
      { name: 'probabilities', shape: [2, 2], datatype: 'FP32', data: [0.25, 0.75, 0.5, 0.5] },
    ]);
  });

  it('gives v1 predictions per row: an object per row for several outputs, the value for one', () => {
    expect(v1Predictions(outputs, classifier, 2)).toEqual([
      { label: 1, probabilities: [0.25, 0.75] },
      { label: 0, probabilities: [0.5, 0.5] },
    ]);
    const single = { variable: { type: 'float32', data: Float32Array.of(1.5, 2.5), dims: [2, 1] } };
    expect(v1Predictions(single, perColumn, 2)).toEqual([[1.5], [2.5]]);
  });
});
