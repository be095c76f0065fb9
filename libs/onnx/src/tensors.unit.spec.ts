import { matrixFromColumns, stringColumn, toFloat64 } from './tensors';

describe('building input tensors from columns', () => {
  it('lays k columns out row by row as a [rows, k] tensor', () => {
    const tensor = matrixFromColumns('float32', [Float64Array.of(1, 2, 3), Float64Array.of(10, 20, 30)]);
    expect(tensor.shape).toEqual([3, 2]);
    expect([...tensor.data]).toEqual([1, 10, 2, 20, 3, 30]);
    expect(tensor.data).toBeInstanceOf(Float32Array);
  });

  it('takes only the rows of one batch', () => {
    const tensor = matrixFromColumns('float64', [Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8)], 1, 3);
    expect(tensor.shape).toEqual([2, 2]);
    expect([...tensor.data]).toEqual([2, 6, 3, 7]);
  });

  it('builds int64 tensors as BigInt64Array, as onnxruntime requires', () => {
    const tensor = matrixFromColumns('int64', [Float64Array.of(1, 2)]);
    expect(tensor.data).toEqual(BigInt64Array.of(1n, 2n));
  });

  it('feeds a string column as [rows, 1], a missing value as the empty string', () => {
    expect(stringColumn(['a', null, 'c'], 1)).toEqual({ elementType: 'string', data: ['', 'c'], shape: [2, 1] });
  });

  it('reads any numeric output as doubles', () => {
    const output = { name: 'label', elementType: 'int64', data: BigInt64Array.of(0n, 1n), shape: [2] };
    expect([...toFloat64(output)]).toEqual([0, 1]);
    expect(() => toFloat64({ ...output, elementType: 'string', data: ['a'] })).toThrow('not numeric');
  });
});
