import { AlreadyExistsError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { modelDecider } from '../model.decider';
import { createModel, MODEL_ID, modelCreated } from '../model.fixtures';

describe('create a registered model', () => {
  it('creates the model under the id minted in the metadata, with defaults filled in', () => {
    given(modelDecider, [])
      .when(createModel({ name: 'churn' }))
      .then([
        { type: 'RegisteredModelCreated', data: { modelId: MODEL_ID, name: 'churn', description: '', tags: {} } },
      ]);
  });

  it('keeps the description and tags it was given', () => {
    given(modelDecider, [])
      .when(createModel({ name: 'churn', description: 'predicts churn', tags: { team: 'growth' } }))
      .then([
        {
          type: 'RegisteredModelCreated',
          data: { modelId: MODEL_ID, name: 'churn', description: 'predicts churn', tags: { team: 'growth' } },
        },
      ]);
  });

  it('refuses to create a model whose stream already holds one', () => {
    given(modelDecider, [modelCreated('churn')])
      .when(createModel({ name: 'churn' }))
      .thenThrows(AlreadyExistsError, /registered model "churn" already exists/);
  });
});
