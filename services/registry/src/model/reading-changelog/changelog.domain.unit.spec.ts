import { changelogOf, ChangelogVersion } from './changelog.domain';

const version = (n: number, metrics: Record<string, number>, label = `1.${n}.0`): ChangelogVersion => ({
  version: n,
  label,
  reason: `reason ${n}`,
  metrics,
  registeredBy: 'alice',
  runId: `run-${n}`,
  createdAt: `2026-03-0${n}T14:00:00.000Z`,
});

describe('a changelog', () => {
  it('compares each version with the one before it; the first has nothing to compare with', () => {
    const [first, second] = changelogOf([version(1, { auc: 0.9 }), version(2, { auc: 0.95, f1: 0.7 })]);
    expect(first).toMatchObject({
      version: 1,
      previousVersion: null,
      metrics: { auc: { value: 0.9, previous: null, delta: null } },
    });
    expect(second).toEqual({
      version: 2,
      label: '1.2.0',
      reason: 'reason 2',
      previousVersion: 1,
      metrics: {
        auc: { value: 0.95, previous: 0.9, delta: expect.closeTo(0.05, 10) },
        f1: { value: 0.7, previous: null, delta: null },
      },
      registeredBy: 'alice',
      runId: 'run-2',
      createdAt: '2026-03-02T14:00:00.000Z',
    });
  });

  it('starts a later page against the version just before it', () => {
    const [entry] = changelogOf([version(5, { auc: 0.8 })], version(3, { auc: 0.9 }));
    expect(entry).toMatchObject({
      previousVersion: 3,
      metrics: { auc: { previous: 0.9, delta: expect.closeTo(-0.1, 10) } },
    });
  });

  it('keeps a version registered before labels existed as unlabelled', () => {
    const [entry] = changelogOf([{ ...version(1, {}), label: null, reason: null }]);
    expect(entry).toMatchObject({ label: null, reason: null, metrics: {} });
  });
});
