import type { Analysis, Measurement } from '@ledger/contracts';

export type MeasurementPhase = 'successful' | 'failed' | 'inconclusive';

export interface Assessment {
  phase: MeasurementPhase;
  /** Each limit broken (failed) or each reason it could not be judged (inconclusive); empty when successful. */
  reasons: string[];
}

const rateOf = (m: Measurement): number => m.errorRate ?? (m.requests > 0 ? m.errors / m.requests : 0);
const pct = (rate: number): string => `${(rate * 100).toFixed(2)}%`;

type Verdict = { failed?: string; inconclusive?: string };

function absoluteLimits(limits: Analysis, canary: Measurement): Verdict[] {
  const verdicts: Verdict[] = [];
  if (limits.maxErrorRate !== undefined && rateOf(canary) > limits.maxErrorRate)
    verdicts.push({ failed: `error rate ${pct(rateOf(canary))} is above maxErrorRate ${pct(limits.maxErrorRate)}` });
  if (limits.maxP99Ms !== undefined) {
    if (canary.p99Ms === null) verdicts.push({ inconclusive: 'no p99 latency was measured for the new version' });
    else if (canary.p99Ms > limits.maxP99Ms)
      verdicts.push({ failed: `p99 ${canary.p99Ms} ms is above maxP99Ms ${limits.maxP99Ms} ms` });
  }
  return verdicts;
}

function relativeLimits(limits: Analysis, canary: Measurement, stable: Measurement | null): Verdict[] {
  const relative = limits.maxErrorRateIncrease !== undefined || limits.maxP99Ratio !== undefined;
  if (!relative) return [];
  if (stable === null || stable.requests === 0 || stable.requests < limits.minRequests)
    return [
      {
        inconclusive: `stable served ${stable?.requests ?? 0} requests, fewer than minRequests ${limits.minRequests}: nothing to compare with`,
      },
    ];
  const verdicts: Verdict[] = [];
  const increase = rateOf(canary) - rateOf(stable);
  if (limits.maxErrorRateIncrease !== undefined && increase > limits.maxErrorRateIncrease)
    verdicts.push({
      failed: `error rate ${pct(rateOf(canary))} exceeds stable's ${pct(rateOf(stable))} by more than maxErrorRateIncrease ${pct(limits.maxErrorRateIncrease)}`,
    });
  if (limits.maxP99Ratio !== undefined) {
    if (canary.p99Ms === null || stable.p99Ms === null)
      verdicts.push({ inconclusive: 'a p99 latency is missing: the ratio to stable cannot be judged' });
    else if (canary.p99Ms > limits.maxP99Ratio * stable.p99Ms)
      verdicts.push({
        failed: `p99 ${canary.p99Ms} ms is more than ${limits.maxP99Ratio}× stable's ${stable.p99Ms} ms`,
      });
  }
  return verdicts;
}

/**
 * One measurement judged against the analysis' limits (Argo Rollouts' metric semantics): a
 * broken limit fails it; too little traffic (none at all included) or a number missing to judge
 * a limit makes it inconclusive — it is never taken as a pass.
 */
export function assessMeasurement(limits: Analysis, canary: Measurement, stable: Measurement | null): Assessment {
  if (canary.requests === 0) return { phase: 'inconclusive', reasons: ['no traffic reached the new version'] };
  if (canary.requests < limits.minRequests)
    return {
      phase: 'inconclusive',
      reasons: [`the new version served ${canary.requests} requests, fewer than minRequests ${limits.minRequests}`],
    };
  const verdicts = [...absoluteLimits(limits, canary), ...relativeLimits(limits, canary, stable)];
  const failed = verdicts.flatMap((v) => (v.failed ? [v.failed] : []));
  if (failed.length > 0) return { phase: 'failed', reasons: failed };
  const inconclusive = verdicts.flatMap((v) => (v.inconclusive ? [v.inconclusive] : []));
  if (inconclusive.length > 0) return { phase: 'inconclusive', reasons: inconclusive };
  return { phase: 'successful', reasons: [] };
}

export type AnalysisStatus = 'running' | 'successful' | 'failed' | 'inconclusive';

/**
 * Where an analysis run stands after `taken` measurements: failed once failures exceed
 * failureLimit, inconclusive once inconclusives exceed inconclusiveLimit (failure first),
 * successful after `count` measurements with neither and at least one that passed, running until
 * then. Unlike Argo Rollouts, `count` inconclusive measurements within the limit are no pass: the
 * run measures on until one passes or the limit is exceeded — a step never promotes on no evidence.
 */
export function analysisStatus(
  limits: Pick<Analysis, 'count' | 'failureLimit' | 'inconclusiveLimit'>,
  tally: { taken: number; failures: number; inconclusives: number },
): AnalysisStatus {
  if (tally.failures > limits.failureLimit) return 'failed';
  if (tally.inconclusives > limits.inconclusiveLimit) return 'inconclusive';
  const passed = tally.taken - tally.failures - tally.inconclusives;
  return tally.taken >= limits.count && passed > 0 ? 'successful' : 'running';
}
