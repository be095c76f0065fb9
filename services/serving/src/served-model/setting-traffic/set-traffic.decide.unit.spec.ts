import { IllegalStateError, NotFoundError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { command, event, twoReadyOneRouted } from '../served-model.fixture';
import { servedModelDecider } from '../served-model.decider';

const split = {
  routes: [
    { version: 1, weight: 90 },
    { version: 2, weight: 10 },
  ],
  stickyHeader: 'X-User',
};

describe('setting traffic', () => {
  it('given two ready versions, when a split names them, then the table is set', () => {
    given(servedModelDecider, twoReadyOneRouted())
      .when(command.setTraffic(split))
      .then([event.trafficSet(split)]);
  });

  it('given two ready versions, when one is routed and the other shadows, then the table is set', () => {
    const shadowed = { routes: [{ version: 1, weight: 100 }], shadowVersion: 2 };
    given(servedModelDecider, twoReadyOneRouted())
      .when(command.setTraffic(shadowed))
      .then([event.trafficSet(shadowed)]);
  });

  it('given the table in force, when it is set again, then nothing changes', () => {
    given(servedModelDecider, twoReadyOneRouted())
      .when(command.setTraffic({ routes: [{ version: 1, weight: 100 }] }))
      .thenNothing();
  });

  it('given a version never loaded, when a route names it, then it is not found', () => {
    given(servedModelDecider, twoReadyOneRouted())
      .when(
        command.setTraffic({
          routes: [
            { version: 1, weight: 50 },
            { version: 3, weight: 50 },
          ],
        }),
      )
      .thenThrows(NotFoundError, /version 3 of churn in production is not loaded/);
  });

  it('given a version still loading, when a route names it, then it is refused until ready', () => {
    given(servedModelDecider, [...twoReadyOneRouted(), event.requested(3)])
      .when(command.setTraffic({ routes: [{ version: 3, weight: 100 }] }))
      .thenThrows(IllegalStateError, /still loading/);
  });

  it('given a failed load, when a route names it, then it is refused with the reason', () => {
    given(servedModelDecider, [...twoReadyOneRouted(), event.requested(3), event.failed(3, 'not an ONNX model')])
      .when(command.setTraffic({ routes: [{ version: 3, weight: 100 }] }))
      .thenThrows(IllegalStateError, /failed to load \(not an ONNX model\)/);
  });

  it('given a failed load, when the shadow names it, then it is refused', () => {
    given(servedModelDecider, [...twoReadyOneRouted(), event.requested(3), event.failed(3)])
      .when(command.setTraffic({ routes: [{ version: 1, weight: 100 }], shadowVersion: 3 }))
      .thenThrows(IllegalStateError, /version 3 .* failed to load/);
  });

  it('given a shadow never loaded, when it is set, then it is not found', () => {
    given(servedModelDecider, twoReadyOneRouted())
      .when(command.setTraffic({ routes: [{ version: 1, weight: 100 }], shadowVersion: 9 }))
      .thenThrows(NotFoundError, /version 9/);
  });

  it('given two ready versions, when the shadow is also routed, then the table is invalid', () => {
    given(servedModelDecider, twoReadyOneRouted())
      .when(command.setTraffic({ routes: [{ version: 1, weight: 100 }], shadowVersion: 1 }))
      .thenThrows(ValidationError, /traffic.shadowVersion: version 1 is routed/);
  });
});
