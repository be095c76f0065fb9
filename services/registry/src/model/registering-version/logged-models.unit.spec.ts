import { UnavailableError, ValidationError } from '@ledger/contracts';
import { LoggedModels, loggedModelIdIn, withLoggedModel } from './logged-models';

const SERVER: LoggedModels = {
  uri: 'http://mlflow:5000',
  find: async (id) =>
    id === 'm-1' ? { artifactLocation: 'mlflow-artifacts:/1/models/m-1/artifacts', sourceRunId: 'run-1' } : undefined,
};
const DOWN: LoggedModels = {
  uri: 'http://mlflow:5000',
  find: async () => {
    throw new UnavailableError('down');
  },
};

describe('a models:/ URI names a logged model', () => {
  it.each([
    ['models:/m-1', 'm-1'],
    ['models:/churn/1', undefined],
    ['models:/churn@champion', undefined],
    ['models:/', undefined],
    ['s3://models/m-1', undefined],
  ])('%s → %s', (uri, id) => expect(loggedModelIdIn(uri)).toBe(id));
});

describe('registering from an MLflow 3 logged model', () => {
  it('without a tracking server keeps the source for the client to resolve, and records the model id', async () => {
    const input = { name: 'churn', source: 'models:/m-9', loggedModelId: 'm-9' };
    expect(await withLoggedModel(undefined, input)).toEqual(input);
  });

  it('takes the model id from the source when model_id is left out', async () => {
    expect(await withLoggedModel(undefined, { name: 'churn', source: 'models:/m-9' })).toMatchObject({
      loggedModelId: 'm-9',
    });
  });

  it("with a tracking server records the logged model's artifact location and run, as MLflow's server does", async () => {
    expect(await withLoggedModel(SERVER, { name: 'churn', source: 'models:/m-1', loggedModelId: 'm-1' })).toEqual({
      name: 'churn',
      source: 'models:/m-1',
      loggedModelId: 'm-1',
      runId: 'run-1',
      storageLocation: 'mlflow-artifacts:/1/models/m-1/artifacts',
    });
  });

  it('keeps a run id the client gave, and a source that is not the logged model itself', async () => {
    const input = { name: 'churn', source: 's3://models/churn', loggedModelId: 'm-1', runId: 'mine' };
    expect(await withLoggedModel(SERVER, input)).toEqual(input);
  });

  it('refuses a model_id that is not the one in the source', async () => {
    const input = { name: 'churn', source: 'models:/m-1', loggedModelId: 'm-2' };
    await expect(withLoggedModel(undefined, input)).rejects.toThrow(/loggedModelId: "m-2" must be the logged model/);
  });

  it('refuses a logged model the tracking server does not know', async () => {
    await expect(withLoggedModel(SERVER, { name: 'churn', source: 'models:/m-404' })).rejects.toThrow(ValidationError);
  });

  it('refuses a source whose model id no version could store', async () => {
    await expect(withLoggedModel(undefined, { name: 'churn', source: 'models:/m 1' })).rejects.toThrow(
      /source: "m 1" is not a logged model id/,
    );
  });

  it('is unavailable, registering nothing, when the tracking server cannot be asked', async () => {
    await expect(withLoggedModel(DOWN, { name: 'churn', source: 'models:/m-1' })).rejects.toThrow(UnavailableError);
  });

  it('leaves a registration without a logged model alone', async () => {
    const input = { name: 'churn', source: 's3://models/churn/3' };
    expect(await withLoggedModel(SERVER, input)).toBe(input);
  });
});
