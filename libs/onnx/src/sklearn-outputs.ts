import { OnnxModelError } from './errors';
import { ModelDescription } from './model';
import { OutputTensor, toFloat64 } from './tensors';

/** A classifier's batch: one probability per class per row, row-major [rows, classes]. */
export interface ClassifierOutputs {
  readonly rows: number;
  readonly classes: number;
  readonly labels: OutputTensor | null;
  readonly probabilities: Float64Array;
}

/**
 * Reads the outputs skl2onnx gives a classifier: a label tensor [N] and a probability tensor
 * [N, classes] (exported with zipmap=False). With the default ZipMap the probabilities are a
 * sequence of maps, which onnxruntime-node cannot return: that is reported, not guessed around.
 */
export function readClassifierOutputs(
  description: ModelDescription,
  outputs: ReadonlyMap<string, OutputTensor>,
): ClassifierOutputs {
  const probabilities = [...outputs.values()].find((o) => o.shape.length === 2 && o.elementType.startsWith('float'));
  if (!probabilities) {
    const zipMap = description.outputs.find((o) => !o.isTensor);
    throw new OnnxModelError(
      'unsupported-model',
      zipMap
        ? `the class probabilities ("${zipMap.name}") are a ZipMap (a sequence of maps), which onnxruntime-node cannot return: export the classifier with zipmap=False`
        : `no output holds class probabilities (a float tensor [N, classes]); outputs: ${describeOutputs(description)}`,
    );
  }
  const labels = [...outputs.values()].find((o) => o !== probabilities && o.shape.length === 1) ?? null;
  const [rows, classes] = probabilities.shape;
  return { rows, classes, labels, probabilities: toFloat64(probabilities) };
}

/** Reads a regressor's prediction: its one float output, [N] or [N, 1]. */
export function readRegressorOutput(
  description: ModelDescription,
  outputs: ReadonlyMap<string, OutputTensor>,
): Float64Array {
  const predictions = [...outputs.values()].filter(
    (o) => o.elementType.startsWith('float') && (o.shape.length === 1 || (o.shape.length === 2 && o.shape[1] === 1)),
  );
  if (predictions.length !== 1) {
    throw new OnnxModelError(
      'unsupported-model',
      `expected one float output [N] or [N, 1] for a regressor; outputs: ${describeOutputs(description)}`,
    );
  }
  return toFloat64(predictions[0]);
}

function describeOutputs(description: ModelDescription): string {
  return description.outputs
    .map((o) => (o.isTensor ? `${o.name} ${o.elementType}[${o.shape?.join(', ')}]` : `${o.name} (not a tensor)`))
    .join('; ');
}
