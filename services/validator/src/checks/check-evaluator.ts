import type { CheckKind, CheckResult, PolicyCheckOf } from '@ledger/contracts';
import type { VersionFacts } from '../version/version-facts';

/** What an evaluator judges: id, kind and blocking come from the policy, not from it. */
export type CheckFinding = Omit<CheckResult, 'id' | 'kind' | 'blocking'>;

/** Everything a run knows when it evaluates one check. */
export interface CheckInputs {
  runId: string;
  /** The version under validation. */
  subject: VersionFacts;
  /** The version the check's baseline reference named when the run started; null when none. */
  baseline: VersionFacts | null;
  /** The reference itself, for messages: `alias:champion|stage:Production`. */
  baselineRef: string | null;
}

/**
 * Evaluates one kind of check. Pure evaluators return at once; others (re-scoring an ONNX
 * artifact, reading datasets) close over what they need when they are registered. Throwing is
 * for the unexpected: the run records it as outcome `error`, never as a pass.
 */
export interface CheckEvaluator<K extends CheckKind = CheckKind> {
  kind: K;
  evaluate(check: PolicyCheckOf<K>, inputs: CheckInputs): CheckFinding | Promise<CheckFinding>;
}

/** Declares an evaluator with its check typed by kind. */
export const checkEvaluator = <K extends CheckKind>(
  kind: K,
  evaluate: CheckEvaluator<K>['evaluate'],
): CheckEvaluator<CheckKind> => ({ kind, evaluate }) as unknown as CheckEvaluator<CheckKind>;

export const finding = (
  outcome: CheckFinding['outcome'],
  message: string,
  rest: Partial<Omit<CheckFinding, 'outcome' | 'message'>> = {},
): CheckFinding => ({ outcome, value: null, threshold: null, baseline: null, message, details: {}, ...rest });
