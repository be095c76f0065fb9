import { Analysis, AnalysisSchema, Measurement } from '@ledger/contracts';
import { analysisStatus, assessMeasurement } from './analysis-assessment.domain';

const limits = (over: Partial<Analysis>): Analysis => AnalysisSchema.parse({ minRequests: 20, ...over });
const measured = (requests: number, errors: number, p99Ms: number | null = 50): Measurement => ({
  requests,
  errors,
  errorRate: requests > 0 ? errors / requests : null,
  p99Ms,
});

describe('assessing one analysis measurement', () => {
  it('is successful when every limit holds', () => {
    expect(assessMeasurement(limits({ maxErrorRate: 0.05, maxP99Ms: 100 }), measured(100, 2), null)).toEqual({
      phase: 'successful',
      reasons: [],
    });
  });

  it('fails when the error rate is above the absolute limit, naming both numbers', () => {
    const result = assessMeasurement(limits({ maxErrorRate: 0.05 }), measured(100, 6), null);
    expect(result).toEqual({ phase: 'failed', reasons: ['error rate 6.00% is above maxErrorRate 5.00%'] });
  });

  it('fails when p99 is above maxP99Ms', () => {
    const result = assessMeasurement(limits({ maxP99Ms: 100 }), measured(100, 0, 250), null);
    expect(result).toEqual({ phase: 'failed', reasons: ['p99 250 ms is above maxP99Ms 100 ms'] });
  });

  it('lists every broken limit', () => {
    const result = assessMeasurement(limits({ maxErrorRate: 0.01, maxP99Ms: 100 }), measured(100, 5, 300), null);
    expect(result.phase).toBe('failed');
    expect(result.reasons).toHaveLength(2);
  });

  it('is inconclusive, never successful, when no traffic reached the new version', () => {
    expect(assessMeasurement(limits({ maxErrorRate: 0.05, minRequests: 0 }), measured(0, 0, null), null)).toEqual({
      phase: 'inconclusive',
      reasons: ['no traffic reached the new version'],
    });
  });

  it('is inconclusive with fewer requests than minRequests, even when they all failed', () => {
    const result = assessMeasurement(limits({ maxErrorRate: 0.05 }), measured(19, 19), null);
    expect(result).toEqual({
      phase: 'inconclusive',
      reasons: ['the new version served 19 requests, fewer than minRequests 20'],
    });
  });

  it('is inconclusive when a p99 limit is set and no p99 was measured', () => {
    expect(assessMeasurement(limits({ maxP99Ms: 100 }), measured(100, 0, null), null).phase).toBe('inconclusive');
  });

  it('fails on an error rate too far above stable', () => {
    const result = assessMeasurement(limits({ maxErrorRateIncrease: 0.02 }), measured(100, 5), measured(900, 9));
    expect(result.phase).toBe('failed');
    expect(result.reasons[0]).toMatch(/exceeds stable's 1.00% by more than maxErrorRateIncrease 2.00%/);
  });

  it('passes an error rate within the allowed increase over stable', () => {
    expect(assessMeasurement(limits({ maxErrorRateIncrease: 0.05 }), measured(100, 5), measured(900, 9)).phase).toBe(
      'successful',
    );
  });

  it('fails on a p99 more than maxP99Ratio times stable', () => {
    const result = assessMeasurement(limits({ maxP99Ratio: 2 }), measured(100, 0, 210), measured(900, 0, 100));
    expect(result).toEqual({ phase: 'failed', reasons: ["p99 210 ms is more than 2× stable's 100 ms"] });
  });

  it.each([
    ['no stable measurement', null],
    ['a stable with too few requests', measured(5, 0)],
  ])('is inconclusive for a relative limit with %s', (_, stable) => {
    const result = assessMeasurement(limits({ maxErrorRateIncrease: 0.01 }), measured(100, 0), stable);
    expect(result.phase).toBe('inconclusive');
    expect(result.reasons[0]).toMatch(/nothing to compare with/);
  });

  it('fails rather than stays inconclusive when one limit fails and another cannot be judged', () => {
    const result = assessMeasurement(limits({ maxErrorRate: 0.01, maxP99Ratio: 2 }), measured(100, 50), null);
    expect(result.phase).toBe('failed');
  });
});

describe('where an analysis stands (Argo Rollouts limits)', () => {
  const run = { count: 3, failureLimit: 1, inconclusiveLimit: 1 };

  it.each([
    [{ taken: 1, failures: 0, inconclusives: 0 }, 'running'],
    [{ taken: 2, failures: 1, inconclusives: 0 }, 'running'],
    [{ taken: 2, failures: 2, inconclusives: 0 }, 'failed'],
    [{ taken: 2, failures: 0, inconclusives: 2 }, 'inconclusive'],
    [{ taken: 3, failures: 2, inconclusives: 2 }, 'failed'],
    [{ taken: 3, failures: 1, inconclusives: 1 }, 'successful'],
  ])('after %j it is %s', (tally, status) => {
    expect(analysisStatus(run, tally)).toBe(status);
  });

  it('measures on while every measurement within the limits was inconclusive: no evidence is no pass', () => {
    const lenient = { count: 2, failureLimit: 0, inconclusiveLimit: 3 };
    expect(analysisStatus(lenient, { taken: 2, failures: 0, inconclusives: 2 })).toBe('running');
    expect(analysisStatus(lenient, { taken: 3, failures: 0, inconclusives: 2 })).toBe('successful');
    expect(analysisStatus(lenient, { taken: 4, failures: 0, inconclusives: 4 })).toBe('inconclusive');
  });

  it('fails at the first failure with the default failureLimit 0', () => {
    expect(
      analysisStatus({ count: 5, failureLimit: 0, inconclusiveLimit: 0 }, { taken: 1, failures: 1, inconclusives: 0 }),
    ).toBe('failed');
  });
});
