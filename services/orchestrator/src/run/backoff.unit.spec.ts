import { step } from './run.fixtures';
import { retryDelayMs, stableShare } from './backoff.domain';

const retrying = (backoff: object) =>
  step({ id: 'tell', type: 'notify', url: 'https://hooks.example.com/x', retries: { max: 5, backoff } }).retries!;
const key = (attempt: number) => ({ runId: 'run-1', stepId: 'tell', attempt });

describe('retry backoff', () => {
  it('without jitter, grows by the factor from the initial delay and stops at the maximum', () => {
    const plain = retrying({ initial: '1s', factor: 3, max: '20s', jitter: 0 });
    expect([1, 2, 3, 4].map((n) => retryDelayMs(plain, key(n)))).toEqual([1_000, 3_000, 9_000, 20_000]);
  });

  it('with jitter, takes a share of the delay off, the same share on every replay', () => {
    const jittered = retrying({ initial: '10s', factor: 2, max: '5m', jitter: 0.5 });
    const delay = retryDelayMs(jittered, key(1));
    expect(delay).toBeGreaterThan(5_000);
    expect(delay).toBeLessThanOrEqual(10_000);
    expect(retryDelayMs(jittered, key(1))).toBe(delay);
    expect(delay).toBe(Math.round(10_000 * (1 - 0.5 * stableShare('run-1:tell:1'))));
  });

  it('draws shares spread over [0, 1) from different keys', () => {
    const shares = Array.from({ length: 200 }, (_, i) => stableShare(`run-${i}:tell:1`));
    expect(Math.min(...shares)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...shares)).toBeLessThan(1);
    expect(shares.filter((s) => s < 0.5).length).toBeGreaterThan(60);
    expect(shares.filter((s) => s >= 0.5).length).toBeGreaterThan(60);
  });
});
