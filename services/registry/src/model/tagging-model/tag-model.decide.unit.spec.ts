import { NotFoundError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, modelCreated } from '../model.fixtures';

describe('tag a registered model', () => {
  it('sets a tag', () => {
    given(modelDecider, [modelCreated()])
      .when(command('SetRegisteredModelTag', { key: 'team', value: 'growth' }))
      .then([event('RegisteredModelTagSet', { key: 'team', value: 'growth' })]);
  });

  it('accepts primary_metric_goal max or min only', () => {
    given(modelDecider, [modelCreated()])
      .when(command('SetRegisteredModelTag', { key: 'primary_metric_goal', value: 'min' }))
      .then([event('RegisteredModelTagSet', { key: 'primary_metric_goal', value: 'min' })]);
    given(modelDecider, [modelCreated()])
      .when(command('SetRegisteredModelTag', { key: 'primary_metric_goal', value: 'higher' }))
      .thenThrows(ValidationError, /primary_metric_goal must be "max" or "min", not "higher"/);
  });

  it('deletes a tag', () => {
    given(modelDecider, [modelCreated('churn', { team: 'growth' })])
      .when(command('DeleteRegisteredModelTag', { key: 'team' }))
      .then([event('RegisteredModelTagDeleted', { key: 'team' })]);
  });

  it('refuses tags on a model that does not exist', () => {
    given(modelDecider, [])
      .when(command('SetRegisteredModelTag', { key: 'a', value: 'b' }))
      .thenThrows(NotFoundError, /"churn" does not exist/);
    given(modelDecider, [])
      .when(command('DeleteRegisteredModelTag', { key: 'a' }))
      .thenThrows(NotFoundError, /"churn" does not exist/);
  });
});
