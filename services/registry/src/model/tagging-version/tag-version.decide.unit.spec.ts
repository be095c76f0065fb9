import { NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, modelCreated, versionCreated } from '../model.fixtures';

describe('tag a model version', () => {
  const history = [
    modelCreated(),
    versionCreated(1),
    versionCreated(2),
    event('VersionDeleted', { version: 2, removedAliases: [] }),
  ];

  it('sets a tag', () => {
    given(modelDecider, history)
      .when(command('SetModelVersionTag', { version: 1, key: 'validated', value: 'true' }))
      .then([event('VersionTagSet', { version: 1, key: 'validated', value: 'true' })]);
  });

  it('deletes a tag', () => {
    given(modelDecider, history)
      .when(command('DeleteModelVersionTag', { version: 1, key: 'validated' }))
      .then([event('VersionTagDeleted', { version: 1, key: 'validated' })]);
  });

  it('refuses deleted and unknown versions', () => {
    given(modelDecider, history)
      .when(command('SetModelVersionTag', { version: 2, key: 'a', value: 'b' }))
      .thenThrows(NotFoundError, /version 2 of/);
    given(modelDecider, history)
      .when(command('DeleteModelVersionTag', { version: 3, key: 'a' }))
      .thenThrows(NotFoundError, /version 3 of/);
  });
});
