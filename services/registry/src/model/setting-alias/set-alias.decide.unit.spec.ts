import { ConflictError, NotFoundError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, modelCreated, versionCreated } from '../model.fixtures';

const history = [modelCreated(), versionCreated(1), versionCreated(2), versionCreated(3)];
const aliasSet = (alias: string, version: number, previousVersion: number | null = null) =>
  event('AliasSet', { alias, version, previousVersion });

describe('set an alias', () => {
  it('points a new alias at a version', () => {
    given(modelDecider, history)
      .when(command('SetModelAlias', { alias: 'champion', version: 2 }))
      .then([aliasSet('champion', 2)]);
  });

  it('moves an existing alias, recording where it pointed before', () => {
    given(modelDecider, [...history, aliasSet('champion', 1)])
      .when(command('SetModelAlias', { alias: 'champion', version: 3 }))
      .then([aliasSet('champion', 3, 1)]);
  });

  it('changes nothing when the alias already points there', () => {
    given(modelDecider, [...history, aliasSet('champion', 2)])
      .when(command('SetModelAlias', { alias: 'champion', version: 2 }))
      .thenNothing();
  });

  it('moves it when the compare-and-set expectation holds', () => {
    given(modelDecider, [...history, aliasSet('champion', 1)])
      .when(command('SetModelAlias', { alias: 'champion', version: 2, expectedVersion: 1 }))
      .then([aliasSet('champion', 2, 1)]);
    given(modelDecider, history)
      .when(command('SetModelAlias', { alias: 'new', version: 2, expectedVersion: null }))
      .then([aliasSet('new', 2)]);
  });

  it('refuses a compare-and-set whose expectation does not hold, as a conflict no retry can fix', () => {
    const moved = [...history, aliasSet('champion', 1), aliasSet('champion', 3, 1)];
    given(modelDecider, moved)
      .when(command('SetModelAlias', { alias: 'champion', version: 2, expectedVersion: 1 }))
      .thenThrows(
        ConflictError,
        /alias "champion" of registered model "churn" points to version 3, but the request expected it to point to version 1/,
      );
    given(modelDecider, moved)
      .when(command('SetModelAlias', { alias: 'champion', version: 2, expectedVersion: null }))
      .thenThrows(ConflictError, /points to version 3, but the request expected it to be unset/);
    given(modelDecider, history)
      .when(command('SetModelAlias', { alias: 'champion', version: 2, expectedVersion: 1 }))
      .thenThrows(ConflictError, /is not set, but the request expected it to point to version 1/);
    const state = moved.reduce(modelDecider.evolve, modelDecider.initialState());
    expect(() =>
      modelDecider.decide(command('SetModelAlias', { alias: 'champion', version: 2, expectedVersion: 1 }), state),
    ).toThrow(expect.objectContaining({ retryable: false }));
  });

  it.each(['latest', 'LATEST', 'v1', 'V42'])('refuses the reserved alias %s', (alias) => {
    given(modelDecider, history)
      .when(command('SetModelAlias', { alias, version: 1 }))
      .thenThrows(ValidationError, /is reserved/);
  });

  it.each([
    ['with a space', 'my alias', /only letters, digits/],
    ['with a dot', 'v1.2', /only letters, digits/],
    ['empty', '', /1 to 255 characters/],
    ['of 256 characters', 'a'.repeat(256), /1 to 255 characters/],
  ])('refuses an alias %s', (_, alias, message) => {
    given(modelDecider, history)
      .when(command('SetModelAlias', { alias, version: 1 }))
      .thenThrows(ValidationError, message);
  });

  it('accepts word characters and dashes up to 255 characters', () => {
    const alias = `a-${'b'.repeat(253)}`;
    given(modelDecider, history)
      .when(command('SetModelAlias', { alias, version: 1 }))
      .then([aliasSet(alias, 1)]);
    given(modelDecider, history)
      .when(command('SetModelAlias', { alias: 'v1x', version: 1 }))
      .then([aliasSet('v1x', 1)]);
  });

  it('refuses a deleted or unknown version', () => {
    given(modelDecider, [...history, event('VersionDeleted', { version: 2, removedAliases: [] })])
      .when(command('SetModelAlias', { alias: 'champion', version: 2 }))
      .thenThrows(NotFoundError, /version 2 of registered model "churn" does not exist/);
    given(modelDecider, history)
      .when(command('SetModelAlias', { alias: 'champion', version: 9 }))
      .thenThrows(NotFoundError, /version 9 of/);
  });
});
