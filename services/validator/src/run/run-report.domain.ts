import type { CheckResult, PolicyCheck, ReportSummary } from '@ledger/contracts';
import { baselineKey } from '../version/version-facts';

/** Counts per outcome and what did not pass: the verdict follows the blocking checks alone. */
export function summarize(results: CheckResult[]): ReportSummary {
  const count = (outcome: CheckResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
  const notPassed = results.filter((r) => r.outcome !== 'passed');
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    inconclusive: count('inconclusive'),
    error: count('error'),
    // A blocking check that could not judge (inconclusive, error) cannot vouch for the version.
    failedBlocking: notPassed.filter((r) => r.blocking).map((r) => r.id),
    warnings: notPassed.filter((r) => !r.blocking).map((r) => r.id),
  };
}

export const passes = (summary: ReportSummary): boolean => summary.failedBlocking.length === 0;

/** The baseline reference a check compares with, if its kind compares with one. */
export function baselineRefOf(check: PolicyCheck): string | null {
  return 'baseline' in check && check.baseline !== undefined ? baselineKey(check.baseline) : null;
}

/** Every distinct baseline reference of a policy, in the order of its checks. */
export const baselineRefsOf = (checks: PolicyCheck[]): string[] => [
  ...new Set(checks.flatMap((check) => baselineRefOf(check) ?? [])),
];
