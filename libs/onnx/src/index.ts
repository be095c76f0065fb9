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
