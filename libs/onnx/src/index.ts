// ONNX models for any service (the validator re-scores them, serving will run them): load from
// bytes with onnxruntime-node, describe, run batches built from columns, read sklearn outputs.
// Every failure is an OnnxModelError (a ValidationError) saying which problem it is.
export { OnnxModelError, type OnnxProblem } from './errors';
export { loadOnnxModel, OnnxModel, type LoadOptions, type ModelDescription, type ValueDescription } from './model';
export { readClassifierOutputs, readRegressorOutput, type ClassifierOutputs } from './sklearn-outputs';
export {
  matrixFromColumns,
  stringColumn,
  toFloat64,
  type ElementType,
  type InputTensor,
  type NumericElementType,
  type OutputTensor,
  type TensorData,
} from './tensors';
