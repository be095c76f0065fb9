import { VersionCreatedData } from '@ledger/contracts';
import { emptyHistory, evolveHistory, foldHistory, HistoryEvent, HistoryView } from './history-view';
import { latestPerStageOf, modelOf, versionByAliasOf, versionOf } from './history-queries';

const MODEL_ID = '0190a6f0-0000-7000-8000-000000000001';
const REF = { modelId: MODEL_ID, name: 'churn' };
const T = (minute: number) => `2026-03-03T14:${String(minute).padStart(2, '0')}:00.000Z`;

let clock = 0;
function at<E extends HistoryEvent['type']>(
  type: E,
  data: Omit<Extract<HistoryEvent, { type: E }>['data'], 'modelId' | 'name'> & { name?: string },
  minute = ++clock,
) {
  return { type, data: { ...REF, ...data }, occurredAt: T(minute) } as unknown as Extract<HistoryEvent, { type: E }>;
}
const created = (minute = 0, tags: Record<string, string> = {}) =>
  at('RegisteredModelCreated', { description: 'who leaves', tags }, minute);
const version = (n: number, minute?: number, extra: Partial<VersionCreatedData> = {}) =>
  at(
    'VersionCreated',
    {
      version: n,
      ...{
        source: `s3://m/${n}`,
        runId: `run-${n}`,
        runLink: '',
        description: '',
        tags: {},
        metrics: { auc: 0.9 },
        params: {},
      },
      ...{
        signature: null,
        framework: '',
        artifact: null,
        storageLocation: '',
        loggedModelId: '',
        semver: { label: `1.0.${n - 1}`, reason: 'fixture' },
        label: '',
        inputExample: null,
      },
      ...extra,
    },
    minute,
  );

/** given(events).when(event).then(view => expectations): the fold is tested one step at a time. */
function given(events: HistoryEvent[]) {
  const before = foldHistory(events);
  return {
    when(event: HistoryEvent) {
      const frozen = JSON.stringify(before);
      const after = evolveHistory(before, event);
      return {
        then(check: (view: HistoryView) => void) {
          check(after);
          // Pure: the view it started from is unchanged, and one step equals folding all.
          expect(JSON.stringify(before)).toBe(frozen);
          expect(foldHistory([...events, event])).toEqual(after);
        },
      };
    },
  };
}

beforeEach(() => {
  clock = 10;
});

describe('the point-in-time history fold', () => {
  it('knows no model before it was created', () => {
    expect(modelOf(emptyHistory())).toBeUndefined();
    expect(versionOf(emptyHistory(), 1)).toBeUndefined();
    expect(latestPerStageOf(emptyHistory(), [])).toEqual([]);
  });

  it('RegisteredModelCreated: the model with its description and tags, no version yet', () => {
    given([])
      .when(created(0, { team: 'growth' }))
      .then((view) =>
        expect(modelOf(view)).toEqual({
          ...REF,
          description: 'who leaves',
          tags: { team: 'growth' },
          latestVersion: null,
          createdAt: T(0),
          updatedAt: T(0),
        }),
      );
  });

  it('VersionCreated: a version in stage None without aliases; the model latest version moves forward', () => {
    given([created()])
      .when(version(1, 5))
      .then((view) => {
        expect(versionOf(view, 1)).toMatchObject({
          ...REF,
          version: 1,
          source: 's3://m/1',
          stage: 'None',
          aliases: [],
          createdAt: T(5),
          updatedAt: T(5),
        });
        expect(versionOf(view, 1)).not.toHaveProperty('deleted');
        expect(modelOf(view)).toMatchObject({ latestVersion: 1, updatedAt: T(5) });
      });
  });

  it('RegisteredModelRenamed: the model and its versions show the new name and are updated then (as in MLflow)', () => {
    given([created(), version(1, 1)])
      .when(at('RegisteredModelRenamed', { name: 'attrition', previousName: 'churn' }, 7))
      .then((view) => {
        expect(modelOf(view)).toMatchObject({ name: 'attrition', updatedAt: T(7) });
        expect(versionOf(view, 1)).toMatchObject({ name: 'attrition', updatedAt: T(7) });
      });
  });

  it('RegisteredModelDescriptionUpdated, TagSet and TagDeleted change the model; tags leave its updated time (as in MLflow)', () => {
    given([created(0, { team: 'growth' })])
      .when(at('RegisteredModelDescriptionUpdated', { description: 'new' }, 3))
      .then((view) => expect(modelOf(view)).toMatchObject({ description: 'new', updatedAt: T(3) }));
    given([created(0, { team: 'growth' })])
      .when(at('RegisteredModelTagSet', { key: 'owner', value: 'ml' }))
      .then((view) => expect(modelOf(view)).toMatchObject({ tags: { team: 'growth', owner: 'ml' }, updatedAt: T(0) }));
    given([created(0, { team: 'growth' })])
      .when(at('RegisteredModelTagDeleted', { key: 'team' }))
      .then((view) => expect(modelOf(view)).toMatchObject({ tags: {}, updatedAt: T(0) }));
  });

  it('RegisteredModelDeleted: the model and all its versions are gone from then on', () => {
    given([created(), version(1), at('AliasSet', { version: 1, alias: 'champion', previousVersion: null })])
      .when(at('RegisteredModelDeleted', {}))
      .then((view) => {
        expect(modelOf(view)).toBeUndefined();
        expect(versionOf(view, 1)).toBeUndefined();
        expect(versionByAliasOf(view, 'champion')).toBeUndefined();
        expect(latestPerStageOf(view, [])).toEqual([]);
      });
  });

  it('VersionDescriptionUpdated, VersionTagSet and VersionTagDeleted change that version; tags leave its updated time', () => {
    const history = [created(), version(1, 1, { tags: { i: '1' } }), version(2, 2)];
    given(history)
      .when(at('VersionDescriptionUpdated', { version: 1, description: 'first' }, 4))
      .then((view) => {
        expect(versionOf(view, 1)).toMatchObject({ description: 'first', updatedAt: T(4) });
        expect(versionOf(view, 2)?.description).toBe('');
      });
    given(history)
      .when(at('VersionTagSet', { version: 1, key: 'validated', value: 'yes' }))
      .then((view) =>
        expect(versionOf(view, 1)).toMatchObject({ tags: { i: '1', validated: 'yes' }, updatedAt: T(1) }),
      );
    given(history)
      .when(at('VersionTagDeleted', { version: 1, key: 'i' }))
      .then((view) => expect(versionOf(view, 1)).toMatchObject({ tags: {}, updatedAt: T(1) }));
  });

  it('AliasSet points an alias at a version and moves it away from the previous one', () => {
    const history = [
      created(),
      version(1),
      version(2),
      at('AliasSet', { version: 1, alias: 'champion', previousVersion: null }),
    ];
    given(history)
      .when(at('AliasSet', { version: 2, alias: 'champion', previousVersion: 1 }))
      .then((view) => {
        expect(versionByAliasOf(view, 'champion')?.version).toBe(2);
        expect(versionOf(view, 1)?.aliases).toEqual([]);
        expect(versionOf(view, 2)?.aliases).toEqual(['champion']);
      });
    given(history)
      .when(at('AliasSet', { version: 1, alias: 'baseline', previousVersion: null }))
      .then((view) => expect(versionOf(view, 1)?.aliases).toEqual(['baseline', 'champion']));
  });

  it('AliasDeleted removes the alias', () => {
    given([created(), version(1), at('AliasSet', { version: 1, alias: 'champion', previousVersion: null })])
      .when(at('AliasDeleted', { version: 1, alias: 'champion' }))
      .then((view) => {
        expect(versionByAliasOf(view, 'champion')).toBeUndefined();
        expect(versionOf(view, 1)?.aliases).toEqual([]);
      });
  });

  it('VersionDeleted: the version is not found and its aliases are gone; the model latest version stays, its updated time moves', () => {
    given([created(), version(1), version(2), at('AliasSet', { version: 2, alias: 'champion', previousVersion: null })])
      .when(at('VersionDeleted', { version: 2, removedAliases: ['champion'] }, 40))
      .then((view) => {
        expect(modelOf(view)?.updatedAt).toBe(T(40));
        expect(versionOf(view, 2)).toBeUndefined();
        expect(versionByAliasOf(view, 'champion')).toBeUndefined();
        expect(modelOf(view)?.latestVersion).toBe(2);
        expect(latestPerStageOf(view, []).map((v) => v.version)).toEqual([1]);
      });
  });

  it('VersionStageTransitioned moves the version and archives the listed others in the same step', () => {
    const history = [
      created(),
      version(1),
      version(2),
      version(3),
      at('VersionStageTransitioned', { version: 1, from: 'None', to: 'Production', archivedVersions: [] }),
    ];
    given(history)
      .when(
        at(
          'VersionStageTransitioned',
          { version: 2, from: 'None', to: 'Production', archivedVersions: [{ version: 1, from: 'Production' }] },
          30,
        ),
      )
      .then((view) => {
        expect(versionOf(view, 1)).toMatchObject({ stage: 'Archived', updatedAt: T(30) });
        expect(versionOf(view, 2)).toMatchObject({ stage: 'Production', updatedAt: T(30) });
        expect(modelOf(view)?.updatedAt).toBe(T(30));
        expect(latestPerStageOf(view, ['Production']).map((v) => v.version)).toEqual([2]);
        expect(latestPerStageOf(view, []).map((v) => [v.version, v.stage])).toEqual([
          [1, 'Archived'],
          [2, 'Production'],
          [3, 'None'],
        ]);
      });
  });

  it('folds the same view whatever prefix is cut: the state at each moment is the fold of the events up to it', () => {
    const events = [
      created(0),
      version(1, 1),
      at('AliasSet', { version: 1, alias: 'champion', previousVersion: null }, 2),
      version(2, 3),
      at('AliasSet', { version: 2, alias: 'champion', previousVersion: 1 }, 4),
    ];
    const championAt = (minute: number) =>
      versionByAliasOf(foldHistory(events.filter((e) => e.occurredAt <= T(minute))), 'champion')?.version;
    expect([0, 2, 3, 4, 9].map(championAt)).toEqual([undefined, 1, 1, 2, 2]);
  });

  // No timing assertion (a loaded machine would make it flaky): a quadratic fold would run into Jest's timeout here.
  it('folds 100,000 versions', () => {
    const many: HistoryEvent[] = [created(0)];
    for (let n = 1; n <= 100_000; n++) many.push(version(n, 1));
    const view = foldHistory(many);
    expect(modelOf(view)?.latestVersion).toBe(100_000);
  });
});
