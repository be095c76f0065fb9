import { modelDecider } from './model.decider';
import { command, event, modelCreated, signature, versionCreated } from './model.fixtures';
import { ModelEvent, ModelState } from './model';

// The state is cached, evolved per event and snapshotted: it must not grow with the versions.
describe('the model state', () => {
  const evolveAll = (events: ModelEvent[], from = modelDecider.initialState()): ModelState =>
    events.reduce(modelDecider.evolve, from);
  const sig = signature(['age', 'int64'], ['income', 'float32', [-1, 1]]);

  it('stays the same size whether the model has 10 or 20,000 versions', () => {
    const size = (n: number) =>
      JSON.stringify(
        evolveAll([
          modelCreated(),
          ...Array.from({ length: n }, (_, i) => versionCreated(i + 1, { signature: sig, metrics: { auc: 0.9 } })),
        ]),
      ).length;
    expect(size(20_000)).toBeLessThan(size(10) + 100);
  });

  it('keeps only the versions set apart from the default: stages other than None and deletions', () => {
    const state = evolveAll([
      modelCreated(),
      ...[1, 2, 3, 4].map((n) => versionCreated(n)),
      event('VersionStageTransitioned', { version: 2, from: 'None', to: 'Production', archivedVersions: [] } as never),
      event('VersionStageTransitioned', { version: 3, from: 'None', to: 'Staging', archivedVersions: [] } as never),
      event('VersionStageTransitioned', { version: 3, from: 'Staging', to: 'None', archivedVersions: [] } as never),
      event('VersionStageTransitioned', {
        version: 4,
        from: 'None',
        to: 'Production',
        archivedVersions: [{ version: 2, from: 'Production' }],
      } as never),
      event('VersionDeleted', { version: 1, removedAliases: [] }),
    ]);
    expect(state.stages).toEqual({ 2: 'Archived', 4: 'Production' });
    expect(state.deletedVersions).toEqual({ 1: true });
  });

  it('answers for a version beyond the last or not a whole number like for a deleted one', () => {
    const state = evolveAll([modelCreated(), versionCreated(1)]);
    for (const version of [0, 2, 1.5]) {
      expect(() => modelDecider.decide(command('UpdateModelVersion', { version, description: 'x' }), state)).toThrow(
        `version ${version} of registered model "churn" does not exist`,
      );
    }
  });

  it('does not change the state it evolves from', () => {
    const before = evolveAll([modelCreated(), versionCreated(1), versionCreated(2)]);
    const copy = JSON.parse(JSON.stringify(before));
    evolveAll(
      [
        event('VersionDeleted', { version: 2, removedAliases: [] }),
        event('AliasSet', { alias: 'a', version: 1, previousVersion: null } as never),
      ],
      before,
    );
    expect(before).toEqual(copy);
  });
});
