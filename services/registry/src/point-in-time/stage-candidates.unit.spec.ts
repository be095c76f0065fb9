import { Stage } from '@ledger/contracts';
import { latestPerStageCandidates, StageChange } from './stage-candidates';

const REF = { modelId: '0190a6f0-0000-7000-8000-000000000001', name: 'churn' };
const moved = (version: number, from: Stage, to: Stage, archived: number[] = []): StageChange => ({
  type: 'VersionStageTransitioned',
  data: { ...REF, version, from, to, archivedVersions: archived.map((v) => ({ version: v, from: to })) },
});
const deleted = (version: number): StageChange => ({
  type: 'VersionDeleted',
  data: { ...REF, version, removedAliases: [] },
});

describe('the versions latest-per-stage needs', () => {
  it('given no versions, needs none', () => {
    expect(latestPerStageCandidates(null, [], [])).toEqual([]);
  });

  it('given versions never moved, needs only the highest, in None', () => {
    expect(latestPerStageCandidates(5, [], [])).toEqual([5]);
    expect(latestPerStageCandidates(5, [], ['Production'])).toEqual([]);
  });

  it('given transitions with archiving and deletes, needs the latest live version of each stage asked for', () => {
    const changes = [
      moved(1, 'None', 'Production'),
      moved(4, 'None', 'Staging'),
      moved(2, 'None', 'Production', [1]),
      deleted(5),
      moved(3, 'None', 'Staging'),
      moved(3, 'Staging', 'None'),
    ];
    expect(latestPerStageCandidates(5, changes, [])).toEqual([1, 2, 3, 4]);
    expect(latestPerStageCandidates(5, changes, ['Production', 'Archived'])).toEqual([1, 2]);
    expect(latestPerStageCandidates(5, changes, ['None'])).toEqual([3]);
    expect(latestPerStageCandidates(5, [...changes, deleted(4)], ['Staging'])).toEqual([]);
  });

  it('ignores changes to versions beyond the latest created by then', () => {
    expect(latestPerStageCandidates(2, [moved(3, 'None', 'Staging')], [])).toEqual([2]);
  });
});
