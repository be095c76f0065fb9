import { ValidationError } from '@ledger/contracts';

/**
 * Why a model could not be used: bytes that are not an ONNX model at all (a pickle, a zip),
 * bytes that start like one but do not parse (truncated, corrupt), a model whose outputs this
 * runtime cannot return, or inputs that do not fit the model.
 */
export type OnnxProblem = 'not-onnx' | 'unreadable-model' | 'unsupported-model' | 'invalid-input';

/** A ValidationError (400 at an HTTP edge) that says which problem it is. */
export class OnnxModelError extends ValidationError {
  constructor(
    readonly problem: OnnxProblem,
    message: string,
  ) {
    super(message, { problem });
  }
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
