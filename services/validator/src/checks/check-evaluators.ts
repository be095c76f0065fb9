import { CheckKind, CheckResult, PolicyCheck, UnavailableError, ValidationError } from '@ledger/contracts';
import { CheckEvaluator, CheckInputs, finding } from './check-evaluator';

/**
 * The evaluators this validator runs, by kind. A policy naming a kind without one is refused
 * when it is set, so a run never meets a check it cannot judge (and never fakes a pass for it).
 */
export class CheckEvaluators {
  private readonly byKind = new Map<CheckKind, CheckEvaluator>();

  constructor(evaluators: CheckEvaluator[]) {
    for (const evaluator of evaluators) {
      if (this.byKind.has(evaluator.kind)) throw new Error(`two evaluators for check kind ${evaluator.kind}`);
      this.byKind.set(evaluator.kind, evaluator);
    }
  }

  kinds(): CheckKind[] {
    return [...this.byKind.keys()];
  }

  /** Refuses checks of kinds no evaluator is registered for, naming the field. */
  requireAvailable(checks: Pick<PolicyCheck, 'kind'>[], path = 'checks'): void {
    const unavailable = checks.flatMap((check, i) => (this.byKind.has(check.kind) ? [] : [{ check, i }]));
    if (unavailable.length === 0) return;
    const message = unavailable
      .map(({ check, i }) => `${path}[${i}].kind: check kind "${check.kind}" is not available yet on this validator`)
      .join('; ');
    throw new ValidationError(`${message} (available: ${this.kinds().join(', ')})`);
  }

  /** The check's result; an evaluator that throws (but for UnavailableError), or is missing, yields outcome `error`. */
  async evaluate(check: PolicyCheck, inputs: CheckInputs): Promise<CheckResult> {
    const evaluator = this.byKind.get(check.kind);
    const found = evaluator
      ? await Promise.resolve()
          .then(() => evaluator.evaluate(check as never, inputs))
          .catch((error: unknown) => {
            // Something this process lacks for now (its database): the delivery is tried again.
            if (error instanceof UnavailableError) throw error;
            return finding('error', `evaluating the check failed: ${(error as Error)?.message ?? String(error)}`);
          })
      : finding('error', `no evaluator for check kind "${check.kind}" on this validator`);
    return { id: check.id, kind: check.kind, blocking: check.blocking, ...found };
  }
}
