import { VERSION_EXAMPLE } from '../../openapi-examples';
import type { VersionView } from '../listing-versions/version-view';
import { bestVersion } from './best-version.domain';

const version = (n: number, metrics: Record<string, number>, stage: VersionView['stage'] = 'None'): VersionView => ({
  ...VERSION_EXAMPLE,
  version: n,
  metrics,
  stage,
});
const versions = [
  version(1, { auc: 0.8, loss: 0.5 }, 'Staging'),
  version(2, { auc: 0.93, loss: 0.4 }),
  version(3, { loss: 0.2 }, 'Staging'),
  version(4, { auc: 0.9, loss: 0.3 }, 'Staging'),
];

describe('the best version by a metric', () => {
  it('is the highest for goal max, counting only versions that report the metric', () => {
    const best = bestVersion('churn', versions, { metric: 'auc', goal: 'max', stage: null });
    expect(best).toMatchObject({ value: 0.93, considered: 3, withoutMetric: [3], stage: null });
    expect(best?.version.version).toBe(2);
  });

  it('is the lowest for goal min', () => {
    expect(bestVersion('churn', versions, { metric: 'loss', goal: 'min', stage: null })?.version.version).toBe(3);
  });

  it('looks only within the stage asked', () => {
    const best = bestVersion('churn', versions, { metric: 'auc', goal: 'max', stage: 'Staging' });
    expect(best).toMatchObject({ value: 0.9, considered: 2, withoutMetric: [3], stage: 'Staging' });
    expect(best?.version.version).toBe(4);
  });

  it('breaks a tie in favour of the newest version', () => {
    const tied = [version(5, { auc: 0.9 }), version(7, { auc: 0.9 }), version(6, { auc: 0.9 })];
    expect(bestVersion('churn', tied, { metric: 'auc', goal: 'max', stage: null })?.version.version).toBe(7);
  });

  it('is nothing when no version in the stage reports the metric', () => {
    expect(bestVersion('churn', versions, { metric: 'auc', goal: 'max', stage: 'Production' })).toBeUndefined();
    expect(bestVersion('churn', versions, { metric: 'f1', goal: 'max', stage: null })).toBeUndefined();
  });
});
