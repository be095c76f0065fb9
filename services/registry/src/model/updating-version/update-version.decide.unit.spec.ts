import { NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, modelCreated, versionCreated } from '../model.fixtures';

describe('update a model version', () => {
  it('replaces the description', () => {
    given(modelDecider, [modelCreated(), versionCreated(1)])
      .when(command('UpdateModelVersion', { version: 1, description: 'calibrated' }))
      .then([event('VersionDescriptionUpdated', { version: 1, description: 'calibrated' })]);
  });

  it('refuses a version that does not exist', () => {
    given(modelDecider, [modelCreated(), versionCreated(1)])
      .when(command('UpdateModelVersion', { version: 2, description: 'x' }))
      .thenThrows(NotFoundError, /version 2 of registered model "churn" does not exist/);
  });

  it('refuses a deleted version', () => {
    given(modelDecider, [
      modelCreated(),
      versionCreated(1),
      event('VersionDeleted', { version: 1, removedAliases: [] }),
    ])
      .when(command('UpdateModelVersion', { version: 1, description: 'x' }))
      .thenThrows(NotFoundError, /version 1 of registered model "churn" does not exist/);
  });
});
