import { eventually } from '@ledger/testing';
import { SHA_GOOD, SHA_MISSING, servingUnderTest, ServingUnderTest } from './serving.harness';

const churn = { name: 'churn', environment: 'production' };

describe('serving commands over the bus', () => {
  let s: ServingUnderTest;

  beforeAll(async () => {
    s = await servingUnderTest('serving_bus');
  });
  afterAll(() => s?.close());

  it('loads a version and answers the load command with ServingVersionReady', async () => {
    const load = s.command('LoadModelVersion', { ...churn, version: 1, artifactSha256: SHA_GOOD, replicas: 2 });
    await s.send(load);
    const [ready] = await eventually(() => {
      const found = s.published('ServingVersionReady');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(ready.data).toEqual({ ...churn, version: 1, loadCommandId: load.commandId, replicas: 2, loadedInMs: 7 });
    expect(s.published('ServingVersionLoadRequested').map((e) => e.data.loadCommandId)).toEqual([load.commandId]);
    expect(s.runtime.loadsOf(1)).toEqual([
      { ...churn, version: 1, artifactSha256: SHA_GOOD, replicas: 2, signature: null },
    ]);
  });

  it('sets traffic and scales: the runtime gets the table and the replicas', async () => {
    await s.send(
      s.command('SetTraffic', { ...churn, traffic: { routes: [{ version: 1, weight: 100 }] } }),
      s.command('ScaleModelVersion', { ...churn, version: 1, replicas: 3 }),
    );
    await eventually(() => expect(s.published('ServingVersionScaled')).toHaveLength(1));
    expect(s.published('ServingTrafficSet')).toHaveLength(1);
    await eventually(() => expect(s.runtime.loaded()).toMatchObject([{ version: 1, replicas: 3 }]));
    expect(s.runtime.traffic('churn', 'production')).toEqual({ routes: [{ version: 1, weight: 100 }] });
  });

  it('answers a load the runtime cannot do with ServingVersionLoadFailed and its reason', async () => {
    const load = s.command('LoadModelVersion', { ...churn, version: 2, artifactSha256: SHA_MISSING });
    await s.send(load);
    const [failed] = await eventually(() => {
      const found = s.published('ServingVersionLoadFailed');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(failed.data).toMatchObject({
      version: 2,
      loadCommandId: load.commandId,
      reason: expect.stringMatching(/no blob/),
    });
    expect(s.runtime.loaded().map((v) => v.version)).toEqual([1]);
  });

  it('sends refused and malformed commands to the DLQ with the reason, and goes on', async () => {
    await s.send(
      s.command('SetTraffic', { ...churn, traffic: { routes: [{ version: 2, weight: 100 }] } }),
      s.command('UnloadModelVersion', { ...churn, version: 8 }),
      s.command('ScaleModelVersion', { ...churn, version: 9, replicas: 2 }),
      s.command('LoadModelVersion', { ...churn, version: 3, artifactSha256: SHA_GOOD, replicas: 0 }),
      s.command('LoadModelVersion', { ...churn, version: 1, artifactSha256: SHA_MISSING }),
      s.command('LoadModelVersion', { ...churn, version: 4, artifactSha256: SHA_GOOD }),
    );
    await eventually(() => expect(s.published('ServingVersionReady').map((e) => e.data.version)).toEqual([1, 4]));
    await eventually(() => expect(s.deadLetters()).toHaveLength(5));
    expect(s.deadLetters()).toEqual([
      {
        type: 'SetTraffic',
        error: expect.stringMatching(/INVALID_STATE: version 2 of churn in production failed to load/),
      },
      {
        type: 'UnloadModelVersion',
        error: expect.stringMatching(/RESOURCE_DOES_NOT_EXIST: version 8 .* is not loaded/),
      },
      {
        type: 'ScaleModelVersion',
        error: expect.stringMatching(/RESOURCE_DOES_NOT_EXIST: version 9 .* is not loaded/),
      },
      { type: 'LoadModelVersion', error: expect.stringMatching(/replicas/) },
      {
        type: 'LoadModelVersion',
        error: expect.stringMatching(/CONCURRENT_MODIFICATION: .*already loaded with artifact/),
      },
    ]);
    expect(s.runtime.traffic('churn', 'production')).toEqual({ routes: [{ version: 1, weight: 100 }] });
  });

  it('unloads a version no route names', async () => {
    await s.send(s.command('UnloadModelVersion', { ...churn, version: 4 }));
    await eventually(() => expect(s.published('ServingVersionUnloaded')).toHaveLength(1));
    await eventually(() => expect(s.runtime.loaded().map((v) => v.version)).toEqual([1]));
  });

  it('takes a resent command once', async () => {
    const load = s.command('LoadModelVersion', { ...churn, version: 5, artifactSha256: SHA_GOOD });
    await s.send(load, load);
    await eventually(() => expect(s.published('ServingVersionReady').map((e) => e.data.version)).toContain(5));
    const requested = await s.logged('ServingVersionLoadRequested');
    expect(requested.filter((e) => e.data.version === 5)).toHaveLength(1);
    expect(s.runtime.loadsOf(5)).toHaveLength(1);
  });
});
