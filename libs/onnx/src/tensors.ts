import { OnnxModelError } from './errors';

/** The element types a caller can feed; the names are onnxruntime's. */
export type NumericElementType = 'float32' | 'float64' | 'int32' | 'int64';
export type ElementType = NumericElementType | 'string' | 'bool' | (string & {});

export type TensorData = Float32Array | Float64Array | Int32Array | BigInt64Array | Uint8Array | readonly string[];

/** A dense tensor, row-major. */
export interface InputTensor {
  readonly elementType: ElementType;
  readonly data: TensorData;
  readonly shape: readonly number[];
}

export interface OutputTensor extends InputTensor {
  readonly name: string;
}

/**
 * A [rows, k] tensor from k columns (rows start..end of each), row-major: the shape a single
 * "float_input" of an sklearn model converted by skl2onnx takes.
 */
export function matrixFromColumns(
  elementType: NumericElementType,
  columns: readonly ArrayLike<number>[],
  start = 0,
  end = columns[0]?.length ?? 0,
): InputTensor {
  const rows = end - start;
  const width = columns.length;
  const data = allocate(elementType, rows * width);
  columns.forEach((column, j) => {
    if (data instanceof BigInt64Array) {
      for (let i = 0; i < rows; i++) data[i * width + j] = BigInt(Math.trunc(column[start + i]));
    } else {
      for (let i = 0; i < rows; i++) data[i * width + j] = column[start + i];
    }
  });
  return { elementType, data, shape: [rows, width] };
}

/** A [rows, 1] string tensor from rows start..end of one column; a missing value is ''. */
export function stringColumn(column: readonly (string | null)[], start = 0, end = column.length): InputTensor {
  const data = column.slice(start, end).map((value) => value ?? '');
  return { elementType: 'string', data, shape: [data.length, 1] };
}

function allocate(
  elementType: NumericElementType,
  size: number,
): Float32Array | Float64Array | Int32Array | BigInt64Array {
  switch (elementType) {
    case 'float32':
      return new Float32Array(size);
    case 'float64':
      return new Float64Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'int64':
      return new BigInt64Array(size);
    default:
      throw new OnnxModelError('invalid-input', `cannot build a tensor of element type ${String(elementType)}`);
  }
}

/** Numbers from a numeric output tensor, whatever its element type. */
export function toFloat64(tensor: OutputTensor): Float64Array {
  const { data } = tensor;
  if (data instanceof Float64Array) return data;
  if (data instanceof BigInt64Array) return Float64Array.from(data, Number);
  if (ArrayBuffer.isView(data)) return Float64Array.from(data as ArrayLike<number>);
  throw new OnnxModelError('unsupported-model', `output "${tensor.name}" is not numeric (${tensor.elementType})`);
}
