import { NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, modelCreated, versionCreated } from '../model.fixtures';

const alias = (alias: string, version: number, previousVersion: number | null = null) =>
  event('AliasSet', { alias, version, previousVersion });

describe('delete a model version', () => {
  it('removes exactly the aliases that point at it, in the same event', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      versionCreated(2),
      alias('champion', 2),
      alias('shadow', 2),
      alias('stable', 1),
    ])
      .when(command('DeleteModelVersion', { version: 2 }))
      .then([event('VersionDeleted', { version: 2, removedAliases: ['champion', 'shadow'] })]);
  });

  it('forgets those aliases: getting or deleting them afterwards finds nothing', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      alias('champion', 1),
      event('VersionDeleted', { version: 1, removedAliases: ['champion'] }),
    ])
      .when(command('DeleteModelAlias', { alias: 'champion' }))
      .thenThrows(NotFoundError, /alias "champion" of registered model "churn" does not exist/);
  });

  it('answers "not found" for a version already deleted', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      event('VersionDeleted', { version: 1, removedAliases: [] }),
    ])
      .when(command('DeleteModelVersion', { version: 1 }))
      .thenThrows(NotFoundError, /version 1 of registered model "churn" does not exist/);
  });

  it('answers "not found" for a version never created', () => {
    given(modelDecider, [modelCreated()])
      .when(command('DeleteModelVersion', { version: 1 }))
      .thenThrows(NotFoundError, /version 1 of/);
  });
});
