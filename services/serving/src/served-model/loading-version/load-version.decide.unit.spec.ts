import { ConflictError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { command, event, SHA_B } from '../served-model.fixture';
import { servedModelDecider } from '../served-model.decider';

describe('loading a version', () => {
  it('given nothing loaded, when a version is loaded, then its load is requested under the command id', () => {
    given(servedModelDecider)
      .when(command.load(1, { replicas: 3 }))
      .then([event.requested(1, { replicas: 3 })]);
  });

  it('given a command without an id (HTTP), when it loads, then the load is answered under the new id it carries', () => {
    const load = command.load(1);
    delete load.metadata.commandId;
    given(servedModelDecider)
      .when(load)
      .then([event.requested(1, { loadCommandId: 'new-id' })]);
  });

  // Whoever asks waits for the answer to its own command id: a load never goes unanswered.
  it('given the version ready, when the same digest and replicas are loaded again, then it answers ready at once under the new id', () => {
    given(servedModelDecider, [event.requested(1, { replicas: 2 }), event.ready(1, 2)])
      .when(command.load(1, { replicas: 2, commandId: 'again' }))
      .then([event.ready(1, 2, 'again', 0)]);
  });

  it('given the version still loading, when it is loaded again alike, then it is asked again under the new id', () => {
    given(servedModelDecider, [event.requested(1)])
      .when(command.load(1, { commandId: 'again' }))
      .then([event.requested(1, { loadCommandId: 'again' })]);
  });

  it('given the version ready, when the same digest is loaded with other replicas, then it is scaled and answers ready', () => {
    given(servedModelDecider, [event.requested(1, { replicas: 2 }), event.ready(1, 2)])
      .when(command.load(1, { replicas: 5 }))
      .then([event.scaled(1, 5, 2), event.ready(1, 5, 'load-1', 0)]);
  });

  it('given the version loaded, when another digest is loaded under its number, then it is a conflict nobody can retry', () => {
    let thrown: unknown;
    try {
      servedModelDecider.decide(
        command.load(1, { sha: SHA_B }),
        servedModelDecider.evolve(servedModelDecider.initialState(), event.requested(1)),
      );
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConflictError);
    expect((thrown as ConflictError).retryable).toBe(false);
    expect((thrown as Error).message).toMatch(/version 1 of churn in production is already loaded with artifact a{64}/);
  });

  it('given a failed load, when the version is loaded again (even another digest), then a new load is requested', () => {
    given(servedModelDecider, [event.requested(1), event.failed(1)])
      .when(command.load(1, { sha: SHA_B, commandId: 'retry' }))
      .then([event.requested(1, { sha: SHA_B, loadCommandId: 'retry' })]);
  });

  it('given a version unloaded, when it is loaded again, then a new load is requested', () => {
    given(servedModelDecider, [event.requested(1), event.ready(1), event.unloaded(1)])
      .when(command.load(1, { commandId: 'back' }))
      .then([event.requested(1, { loadCommandId: 'back' })]);
  });
});
