import type { LoadedVersion } from '../../runtime/serving-runtime';
import type { DesiredModel } from '../getting-serving/served-models.projection';
import { event, SHA_A, SHA_B } from '../served-model.fixture';
import { evolveServedModel, initialServedModelState, ServedModelEvent } from '../served-model';
import { reconcile, RuntimeView, sameTraffic } from './reconcile.domain';

const churn = (...events: ServedModelEvent[]): DesiredModel => ({
  environment: 'production',
  name: 'churn',
  state: events.reduce(evolveServedModel, initialServedModelState()),
});
const held = (version: number, replicas = 1, artifactSha256 = SHA_A): LoadedVersion => ({
  name: 'churn',
  environment: 'production',
  version,
  artifactSha256,
  replicas,
  ready: true,
  restarts: 0,
});
const runtime = (loaded: LoadedVersion[], table: RuntimeView['traffic'] = () => null): RuntimeView => ({
  loaded,
  traffic: table,
});
const target = (version: number) => ({ name: 'churn', environment: 'production', version });
const spec = (version: number, replicas = 1) => ({
  ...target(version),
  artifactSha256: SHA_A,
  replicas,
  signature: null,
});
const allTo1 = { routes: [{ version: 1, weight: 100 }] };

describe('reconciling the runtime with the log', () => {
  it('loads a requested version and answers its request', () => {
    expect(reconcile([churn(event.requested(1, { replicas: 2 }))], runtime([]))).toEqual([
      [{ kind: 'load', spec: spec(1, 2), answers: 'load-1' }],
    ]);
  });

  it('after a restart, loads every ready version without answering again, then sets the table', () => {
    const model = churn(event.requested(1), event.ready(1), event.trafficSet(allTo1));
    expect(reconcile([model], runtime([]))).toEqual([
      [
        { kind: 'load', spec: spec(1), answers: null },
        { kind: 'setTraffic', name: 'churn', environment: 'production', traffic: allTo1 },
      ],
    ]);
  });

  it('does nothing when the runtime holds what the log wants', () => {
    const model = churn(event.requested(1), event.ready(1), event.trafficSet(allTo1));
    expect(
      reconcile(
        [model],
        runtime([held(1)], () => allTo1),
      ),
    ).toEqual([]);
  });

  it('scales a version whose replicas differ', () => {
    const model = churn(event.requested(1, { replicas: 3 }), event.ready(1, 3), event.scaled(1, 5, 3));
    expect(reconcile([model], runtime([held(1, 3)]))).toEqual([[{ kind: 'scale', target: target(1), replicas: 5 }]]);
  });

  it('frees versions unloaded or failed, after the table moved away from them', () => {
    const model = churn(
      event.requested(1),
      event.ready(1),
      event.requested(2),
      event.ready(2),
      event.trafficSet({ routes: [{ version: 2, weight: 100 }] }),
      event.unloaded(1),
      event.requested(3),
      event.failed(3),
    );
    expect(
      reconcile(
        [model],
        runtime([held(1), held(2), held(3)], () => allTo1),
      ),
    ).toEqual([
      [
        {
          kind: 'setTraffic',
          name: 'churn',
          environment: 'production',
          traffic: { routes: [{ version: 2, weight: 100 }] },
        },
        { kind: 'unload', target: target(1) },
        { kind: 'unload', target: target(3) },
      ],
    ]);
  });

  it('frees a version the log never asked for', () => {
    const other = { ...held(4), name: 'fraud' };
    expect(reconcile([], runtime([other]))).toEqual([[{ kind: 'unload', target: { ...target(4), name: 'fraud' } }]]);
  });

  it('replaces a version held with another digest than the log names', () => {
    const model = churn(event.requested(1), event.ready(1));
    expect(reconcile([model], runtime([held(1, 1, SHA_B)]))).toEqual([
      [
        { kind: 'unload', target: target(1) },
        { kind: 'load', spec: spec(1), answers: null },
      ],
    ]);
  });

  it('takes tables that differ only in how they are written as the same', () => {
    const written = {
      routes: [
        { version: 2, weight: 10 },
        { version: 1, weight: 90 },
      ],
      stickyHeader: undefined,
    };
    expect(
      sameTraffic(
        {
          routes: [
            { version: 1, weight: 90 },
            { version: 2, weight: 10 },
          ],
        },
        written,
      ),
    ).toBe(true);
    expect(sameTraffic(allTo1, { ...allTo1, shadowVersion: 2 })).toBe(false);
  });
});
