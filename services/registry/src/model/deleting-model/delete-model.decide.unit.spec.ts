import { NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, modelCreated, versionCreated } from '../model.fixtures';

describe('delete a registered model', () => {
  it('records the deletion as an event', () => {
    given(modelDecider, [modelCreated(), versionCreated(1)])
      .when(command('DeleteRegisteredModel', {}))
      .then([event('RegisteredModelDeleted', {})]);
  });

  it('answers "does not exist" afterwards, to every command', () => {
    const deleted = [modelCreated(), versionCreated(1), event('RegisteredModelDeleted', {})];
    given(modelDecider, deleted)
      .when(command('DeleteRegisteredModel', {}))
      .thenThrows(NotFoundError, /registered model "churn" does not exist/);
    given(modelDecider, deleted)
      .when(command('SetModelAlias', { version: 1, alias: 'champion' }))
      .thenThrows(NotFoundError, /does not exist/);
  });

  it('refuses a model that never existed', () => {
    given(modelDecider, [])
      .when(command('DeleteRegisteredModel', {}))
      .thenThrows(NotFoundError, /does not exist/);
  });
});
