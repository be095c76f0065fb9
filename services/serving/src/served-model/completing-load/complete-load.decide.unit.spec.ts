import { given } from '@ledger/testing';
import { command, event } from '../served-model.fixture';
import { servedModelDecider } from '../served-model.decider';

describe('completing a load', () => {
  it('given a load requested, when the runtime loaded it, then the version is ready with its replicas and time', () => {
    given(servedModelDecider, [event.requested(1, { replicas: 2 })])
      .when(command.complete(1, { ok: true, loadedInMs: 12 }))
      .then([event.ready(1, 2)]);
  });

  it('given a load requested then scaled, when it loads, then ready reports the replicas now wanted', () => {
    given(servedModelDecider, [event.requested(1, { replicas: 2 }), event.scaled(1, 4, 2)])
      .when(command.complete(1, { ok: true, loadedInMs: 12 }))
      .then([event.ready(1, 4)]);
  });

  it('given a load requested, when the runtime could not load it, then the load failed with the reason', () => {
    given(servedModelDecider, [event.requested(1)])
      .when(command.complete(1, { ok: false, reason: 'no blob with that digest' }))
      .then([event.failed(1)]);
  });

  it('given a reason longer than an event allows, when the load fails, then the reason is cut to fit', () => {
    const [failed] = servedModelDecider.decide(
      command.complete(1, { ok: false, reason: 'x'.repeat(5000) }),
      servedModelDecider.evolve(servedModelDecider.initialState(), event.requested(1)),
    );
    expect((failed.data as { reason: string }).reason).toHaveLength(2000);
  });

  it('given the version already ready, when its load is answered again (after a restart), then nothing more is recorded', () => {
    given(servedModelDecider, [event.requested(1), event.ready(1)])
      .when(command.complete(1, { ok: true, loadedInMs: 30 }))
      .thenNothing();
  });

  it('given a newer load request, when an older one is answered, then nothing is recorded', () => {
    given(servedModelDecider, [event.requested(1), event.failed(1), event.requested(1, { loadCommandId: 'retry' })])
      .when(command.complete(1, { ok: true, loadedInMs: 30 }))
      .thenNothing();
  });

  it('given the version unloaded while loading, when its load is answered, then nothing is recorded', () => {
    given(servedModelDecider, [event.requested(1), event.unloaded(1)])
      .when(command.complete(1, { ok: true, loadedInMs: 30 }))
      .thenNothing();
  });
});
