import { NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { command, event, MODEL_ID, modelCreated } from '../model.fixtures';

describe('update a registered model (rename, description)', () => {
  it('renames, keeping the previous name in the event', () => {
    given(modelDecider, [modelCreated()])
      .when(command('UpdateRegisteredModel', { newName: 'attrition' }))
      .then([
        { type: 'RegisteredModelRenamed', data: { modelId: MODEL_ID, name: 'attrition', previousName: 'churn' } },
      ]);
  });

  it('replaces the description', () => {
    given(modelDecider, [modelCreated()])
      .when(command('UpdateRegisteredModel', { description: 'predicts churn' }))
      .then([event('RegisteredModelDescriptionUpdated', { description: 'predicts churn' })]);
  });

  it('does both in one change, the description under the old name first', () => {
    given(modelDecider, [modelCreated()])
      .when(command('UpdateRegisteredModel', { newName: 'attrition', description: 'd' }))
      .then([
        event('RegisteredModelDescriptionUpdated', { description: 'd' }),
        { type: 'RegisteredModelRenamed', data: { modelId: MODEL_ID, name: 'attrition', previousName: 'churn' } },
      ]);
  });

  it('changes nothing when renamed to its own name', () => {
    given(modelDecider, [modelCreated()])
      .when(command('UpdateRegisteredModel', { newName: 'churn' }))
      .thenNothing();
  });

  it('uses the current name after a rename', () => {
    given(modelDecider, [
      modelCreated(),
      { type: 'RegisteredModelRenamed', data: { modelId: MODEL_ID, name: 'attrition', previousName: 'churn' } },
    ])
      .when(command('UpdateRegisteredModel', { name: 'attrition', newName: 'churn' }))
      .then([
        { type: 'RegisteredModelRenamed', data: { modelId: MODEL_ID, name: 'churn', previousName: 'attrition' } },
      ]);
  });

  // A caller that looked the name up before the rename must not act on the renamed model.
  it('refuses a command that addresses the model by a name it no longer has', () => {
    given(modelDecider, [
      modelCreated(),
      { type: 'RegisteredModelRenamed', data: { modelId: MODEL_ID, name: 'attrition', previousName: 'churn' } },
    ])
      .when(command('UpdateRegisteredModel', { name: 'churn', description: 'x' }))
      .thenThrows(NotFoundError, /"churn" does not exist/);
    given(modelDecider, [
      modelCreated(),
      { type: 'RegisteredModelRenamed', data: { modelId: MODEL_ID, name: 'attrition', previousName: 'churn' } },
    ])
      .when(command('RegisterModelVersion', { name: 'churn' }))
      .thenThrows(NotFoundError, /"churn" does not exist/);
  });

  it('refuses a deleted model', () => {
    given(modelDecider, [modelCreated(), event('RegisteredModelDeleted', {})])
      .when(command('UpdateRegisteredModel', { description: 'x' }))
      .thenThrows(NotFoundError, /"churn" does not exist/);
  });
});
