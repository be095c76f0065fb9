import { IllegalStateError, NotFoundError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { command, event } from '../served-model.fixture';
import { servedModelDecider } from '../served-model.decider';

describe('scaling a version', () => {
  it('given a ready version with 3 replicas, when scaled to 5, then it is scaled from 3', () => {
    given(servedModelDecider, [event.requested(1, { replicas: 3 }), event.ready(1, 3)])
      .when(command.scale(1, 5))
      .then([event.scaled(1, 5, 3)]);
  });

  it('given a version still loading, when scaled, then the new count is wanted once it is loaded', () => {
    given(servedModelDecider, [event.requested(1, { replicas: 1 })])
      .when(command.scale(1, 2))
      .then([event.scaled(1, 2, 1)]);
  });

  it('given a version scaled to 5, when scaled to 5 again, then nothing changes', () => {
    given(servedModelDecider, [event.requested(1, { replicas: 3 }), event.ready(1, 3), event.scaled(1, 5, 3)])
      .when(command.scale(1, 5))
      .thenNothing();
  });

  it('given no such version, when it is scaled, then it is not found', () => {
    given(servedModelDecider, [event.requested(1), event.ready(1)])
      .when(command.scale(2, 3))
      .thenThrows(NotFoundError, /version 2 of churn in production is not loaded/);
  });

  it('given an unloaded version, when it is scaled, then it is not found', () => {
    given(servedModelDecider, [event.requested(1), event.ready(1), event.unloaded(1)])
      .when(command.scale(1, 3))
      .thenThrows(NotFoundError);
  });

  it('given a failed load, when it is scaled, then it is refused', () => {
    given(servedModelDecider, [event.requested(1), event.failed(1)])
      .when(command.scale(1, 3))
      .thenThrows(IllegalStateError, /failed to load/);
  });
});
