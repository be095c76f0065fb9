import { InferenceSession, Tensor } from 'onnxruntime-node';
import { OnnxModelError, messageOf } from './errors';
import { InputTensor, OutputTensor } from './tensors';

/**
 * One input or output of a model. `shape` is null for a value that is not a tensor (a ZipMap's
 * sequence of maps); a dimension is a number, or a name (or '') when it is symbolic, like the
 * batch dimension.
 */
export interface ValueDescription {
  readonly name: string;
  readonly isTensor: boolean;
  readonly elementType: string | null;
  readonly shape: readonly (number | string)[] | null;
}

export interface ModelDescription {
  readonly inputs: readonly ValueDescription[];
  readonly outputs: readonly ValueDescription[];
}

export interface LoadOptions {
  /** Threads one run may use inside the operator kernels (onnxruntime's intraOpNumThreads). */
  readonly threads?: number;
}

// Every writer puts ModelProto field 1 (ir_version, a varint) first: tag byte 0x08. Anything else
// is some other kind of file (a pickle starts 0x80, a zip "PK"), not a damaged ONNX model.
const ONNX_FIRST_BYTE = 0x08;

/** Loads an ONNX model from its bytes; throws OnnxModelError when it cannot. */
export async function loadOnnxModel(bytes: Uint8Array, options: LoadOptions = {}): Promise<OnnxModel> {
  if (bytes.length === 0 || bytes[0] !== ONNX_FIRST_BYTE) {
    throw new OnnxModelError('not-onnx', `not an ONNX model (${bytes.length} bytes, first byte ${bytes[0] ?? 'none'})`);
  }
  try {
    const session = await InferenceSession.create(bytes, {
      ...(options.threads === undefined ? {} : { intraOpNumThreads: options.threads }),
      graphOptimizationLevel: 'all',
    });
    return new OnnxModel(session);
  } catch (error) {
    throw new OnnxModelError('unreadable-model', `cannot load the ONNX model: ${messageOf(error)}`);
  }
}

/** A loaded model. Release it when done: the native session holds memory outside the JS heap. */
export class OnnxModel {
  readonly description: ModelDescription;
  private readonly tensorOutputs: string[];

  constructor(private readonly session: InferenceSession) {
    this.description = {
      inputs: session.inputMetadata.map(describe),
      outputs: session.outputMetadata.map(describe),
    };
    this.tensorOutputs = this.description.outputs.filter((o) => o.isTensor).map((o) => o.name);
  }

  /**
   * Runs one batch. Only tensor outputs are fetched: onnxruntime-node cannot return a sequence
   * or map, and a model with one (a ZipMap) still yields its tensors.
   */
  async run(inputs: Readonly<Record<string, InputTensor>>): Promise<ReadonlyMap<string, OutputTensor>> {
    const feeds: Record<string, Tensor> = {};
    for (const [name, input] of Object.entries(inputs)) feeds[name] = toTensor(name, input);
    let results: InferenceSession.ReturnType;
    try {
      results = await this.session.run(feeds, this.tensorOutputs);
    } catch (error) {
      throw new OnnxModelError('invalid-input', `the model refused the inputs: ${messageOf(error)}`);
    }
    const outputs = new Map<string, OutputTensor>();
    for (const [name, value] of Object.entries(results)) {
      const tensor = value as Tensor;
      outputs.set(name, {
        name,
        elementType: tensor.type,
        data: tensor.data as OutputTensor['data'],
        shape: tensor.dims,
      });
    }
    return outputs;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}

function describe(metadata: InferenceSession.ValueMetadata): ValueDescription {
  if (!metadata.isTensor) return { name: metadata.name, isTensor: false, elementType: null, shape: null };
  return { name: metadata.name, isTensor: true, elementType: metadata.type, shape: [...metadata.shape] };
}

function toTensor(name: string, input: InputTensor): Tensor {
  try {
    const data = input.data as Tensor.DataType;
    return new Tensor(input.elementType as Tensor.Type, data as never, [...input.shape]);
  } catch (error) {
    throw new OnnxModelError('invalid-input', `input "${name}": ${messageOf(error)}`);
  }
}
