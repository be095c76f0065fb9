import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { command, event, twoReadyOneRouted } from '../served-model.fixture';
import { servedModelDecider } from '../served-model.decider';

describe('unloading a version', () => {
  it('given a ready version no route names, when it is unloaded, then it is unloaded', () => {
    given(servedModelDecider, twoReadyOneRouted())
      .when(command.unload(2))
      .then([event.unloaded(2)]);
  });

  it('given a failed load, when it is unloaded, then it is unloaded', () => {
    given(servedModelDecider, [event.requested(1), event.failed(1)])
      .when(command.unload(1))
      .then([event.unloaded(1)]);
  });

  it('given a version still loading, when it is unloaded, then it is unloaded', () => {
    given(servedModelDecider, [event.requested(1)])
      .when(command.unload(1))
      .then([event.unloaded(1)]);
  });

  it('given a version sharing the traffic, when it is unloaded, then it is refused', () => {
    given(servedModelDecider, [
      ...twoReadyOneRouted(),
      event.trafficSet({
        routes: [
          { version: 1, weight: 90 },
          { version: 2, weight: 10 },
        ],
      }),
    ])
      .when(command.unload(1))
      .thenThrows(IllegalStateError, /version 1 of churn in production still takes traffic/);
  });

  it('given the version taking all the traffic, when it is unloaded, then the table is dropped with it (undeploy)', () => {
    given(servedModelDecider, twoReadyOneRouted())
      .when(command.unload(1))
      .then([{ type: 'ServingTrafficCleared', data: { name: 'churn', environment: 'production' } }, event.unloaded(1)]);
  });

  it('given the shadow version, when it is unloaded, then it is refused', () => {
    given(servedModelDecider, [
      ...twoReadyOneRouted(),
      event.trafficSet({ routes: [{ version: 1, weight: 100 }], shadowVersion: 2 }),
    ])
      .when(command.unload(2))
      .thenThrows(IllegalStateError, /is the shadow/);
  });

  it('given traffic moved away, when the old version is unloaded, then it is unloaded', () => {
    given(servedModelDecider, [...twoReadyOneRouted(), event.trafficSet({ routes: [{ version: 2, weight: 100 }] })])
      .when(command.unload(1))
      .then([event.unloaded(1)]);
  });

  it('given no such version, when it is unloaded, then it is not found', () => {
    given(servedModelDecider, twoReadyOneRouted())
      .when(command.unload(7))
      .thenThrows(NotFoundError, /version 7 of churn in production is not loaded/);
  });

  it('given a version already unloaded, when it is unloaded again, then it is not found', () => {
    given(servedModelDecider, [event.requested(1), event.ready(1), event.unloaded(1)])
      .when(command.unload(1))
      .thenThrows(NotFoundError);
  });
});
