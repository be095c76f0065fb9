import { NotFoundError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, modelCreated, versionCreated } from '../model.fixtures';

describe('delete an alias', () => {
  const history = [
    modelCreated(),
    versionCreated(1),
    event('AliasSet', { alias: 'champion', version: 1, previousVersion: null }),
  ];

  it('removes it, recording the version it pointed at', () => {
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'champion' }))
      .then([event('AliasDeleted', { alias: 'champion', version: 1 })]);
  });

  it('answers "not found" for an alias that is not set, or no longer', () => {
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'shadow' }))
      .thenThrows(NotFoundError, /alias "shadow" of registered model "churn" does not exist/);
    given(modelDecider, [...history, event('AliasDeleted', { alias: 'champion', version: 1 })])
      .when(command('DeleteModelAlias', { alias: 'champion' }))
      .thenThrows(NotFoundError, /alias "champion"/);
  });

  it('with ifExists, removes a set alias and does nothing for one that is not set', () => {
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'champion', ifExists: true }))
      .then([event('AliasDeleted', { alias: 'champion', version: 1 })]);
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'shadow', ifExists: true }))
      .then([]);
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'latest', ifExists: true }))
      .thenThrows(ValidationError, /reserved/);
  });

  it('refuses an invalid alias name', () => {
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'latest' }))
      .thenThrows(ValidationError, /reserved/);
  });
});
