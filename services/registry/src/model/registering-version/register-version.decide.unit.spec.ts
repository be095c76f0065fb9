import { NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { VersionCreatedEvent } from '../model';
import { modelDecider } from '../model.decider';
import { MODEL_ID, modelCreated, registerVersion, versionCreated } from '../model.fixtures';

const created = (version: number, extra: Partial<VersionCreatedEvent['data']> = {}): VersionCreatedEvent => {
  const event = versionCreated(version);
  return { ...event, data: { ...event.data, ...extra } };
};

describe('register a model version', () => {
  it('gives the first version of a model the number 1', () => {
    given(modelDecider, [modelCreated()])
      .when(registerVersion())
      .then([created(1)]);
  });

  it('gives the next version the number last + 1', () => {
    given(modelDecider, [modelCreated(), versionCreated(1), versionCreated(2), versionCreated(3)])
      .when(registerVersion())
      .then([created(4)]);
  });

  it('never reuses a number, even when the numbers seen so far have gaps or arrive out of order', () => {
    given(modelDecider, [modelCreated(), versionCreated(7), versionCreated(2)])
      .when(registerVersion())
      .then([created(8)]);
  });

  it('carries source, run, description, tags and metrics into the event', () => {
    const data = { source: 's3://models/churn/8', runId: 'run-42', description: 'retrained', tags: { stage: 'x' }, metrics: { auc: 0.91 } };
    given(modelDecider, [modelCreated()])
      .when(registerVersion(data))
      .then([created(1, { modelId: MODEL_ID, ...data })]);
  });

  it('refuses a version for a model that does not exist', () => {
    given(modelDecider, [])
      .when(registerVersion({ name: 'ghost' }))
      .thenThrows(NotFoundError, /registered model "ghost" does not exist/);
  });
});
