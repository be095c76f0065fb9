import { ConflictError, NotFoundError, ValidationError } from '@ledger/contracts';
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

  it('with expectedVersion, removes it only while it points there; an unset one, with ifExists, stays a no-op', () => {
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'champion', expectedVersion: 1 }))
      .then([event('AliasDeleted', { alias: 'champion', version: 1 })]);
    given(modelDecider, [
      ...history,
      versionCreated(2),
      event('AliasSet', { alias: 'champion', version: 2, previousVersion: 1 }),
    ])
      .when(command('DeleteModelAlias', { alias: 'champion', ifExists: true, expectedVersion: 1 }))
      .thenThrows(
        ConflictError,
        /alias "champion" of registered model "churn" points to version 2, but the request expected it to point to version 1/,
      );
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'shadow', ifExists: true, expectedVersion: 1 }))
      .then([]);
  });

  it('refuses an invalid alias name', () => {
    given(modelDecider, history)
      .when(command('DeleteModelAlias', { alias: 'latest' }))
      .thenThrows(ValidationError, /reserved/);
  });
});
