import { DataSource } from 'typeorm';
import { CommandMetadata } from '@ledger/contracts';
import { openDatabase, systemMetadataSource } from '@ledger/eventstore';
import { startService } from '@ledger/platform';
import { eventually } from '@ledger/testing';
import { RecordingRuntime } from './runtime/recording-runtime.fixture';
import { createServingControl } from './served-model';
import { servedModelStreamId } from './served-model/served-model';
import { SHA_GOOD, servingUnderTest, ServingUnderTest } from './serving.harness';
import { RunningServing, servingInline, servingService } from './serving.service';

const churn = { name: 'churn', environment: 'production' };
const table = {
  routes: [
    { version: 1, weight: 70 },
    { version: 2, weight: 30 },
  ],
  stickyHeader: 'X-User',
};
const metadata = (commandId: string): CommandMetadata => ({
  now: new Date().toISOString(),
  newId: commandId,
  actor: { id: 'deployer', kind: 'service' },
  correlationId: commandId,
  causationId: null,
  commandId,
});

/**
 * Serving's runtime lives in memory: a restart starts it empty. What was loaded, at which
 * replicas, and how traffic splits must come back from the log before anything is served, and a
 * load that was never answered (the process died between accepting it and recording its
 * outcome — or between the load and the append) is loaded and answered then, once.
 */
describe('serving across restarts', () => {
  let s: ServingUnderTest;
  let db: DataSource;
  const running: RunningServing[] = [];

  const restart = async (runtime: RecordingRuntime) => {
    const service = await startService(servingService, {
      databaseUrl: s.t.databaseUrl,
      port: 0,
      host: '127.0.0.1',
      logger: ['error'],
      processMetrics: false,
      bus: s.bus,
      runtime: () => runtime,
    });
    running.push(service);
    return service;
  };
  const readyCount = async (version: number): Promise<number> =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM events WHERE event_type = 'ServingVersionReady' AND (data->>'version')::int = $1`,
        [version],
      )
    )[0].n;
  /** A load accepted into the log while no serving process was there to make it so. */
  const acceptedWhileDown = (version: number) =>
    createServingControl(db, systemMetadataSource, new RecordingRuntime(), servingInline, {
      maxReplicas: 8,
      commands: {},
    }).servedModels.handle(servedModelStreamId('production', 'churn'), {
      type: 'LoadModelVersion',
      data: { ...churn, version, artifactSha256: SHA_GOOD, replicas: 1 },
      metadata: metadata(`load-${version}-while-down`),
    });

  beforeAll(async () => {
    s = await servingUnderTest('serving_restart');
    db = await openDatabase({ url: s.t.databaseUrl, poolSize: 2 });
  });
  afterAll(async () => {
    for (const service of running) await service.close();
    await s?.close();
    await db?.destroy();
  });

  it('puts every ready version, its replicas and the table back before it serves, without answering twice', async () => {
    await s.send(
      s.command('LoadModelVersion', { ...churn, version: 1, artifactSha256: SHA_GOOD, replicas: 2 }),
      s.command('LoadModelVersion', { ...churn, version: 2, artifactSha256: SHA_GOOD }),
    );
    await eventually(async () => expect(await readyCount(2)).toBe(1));
    await s.send(
      s.command('SetTraffic', { ...churn, traffic: table }),
      s.command('ScaleModelVersion', { ...churn, version: 1, replicas: 3 }),
    );
    await eventually(() => expect(s.runtime.loaded()).toMatchObject([{ version: 1, replicas: 3 }, { version: 2 }]));
    await s.t.close();
    expect(s.runtime.calls.at(-1)).toEqual({ op: 'close' });

    const runtime = new RecordingRuntime();
    await restart(runtime);
    // No eventually: the start resolves only once the runtime holds it all again.
    expect(runtime.loaded()).toMatchObject([
      { version: 1, replicas: 3, artifactSha256: SHA_GOOD },
      { version: 2, replicas: 1 },
    ]);
    expect(runtime.traffic('churn', 'production')).toEqual(table);
    expect(runtime.calls.map((c) => c.op)).toEqual(['load', 'load', 'setTraffic']);
    expect([await readyCount(1), await readyCount(2)]).toEqual([1, 1]);
  });

  it('loads and answers once a load accepted but never answered, and only reloads it after the next restart', async () => {
    await running.pop()!.close();
    await acceptedWhileDown(3);

    const runtime = new RecordingRuntime();
    await restart(runtime);
    expect(runtime.loadsOf(3)).toHaveLength(1);
    expect(await readyCount(3)).toBe(1);
    await eventually(() =>
      expect(s.published('ServingVersionReady').filter((e) => e.data.version === 3)).toMatchObject([
        { data: { loadCommandId: 'load-3-while-down' } },
      ]),
    );

    await running.pop()!.close();
    const again = new RecordingRuntime();
    await restart(again);
    expect(again.loaded().map((v) => v.version)).toEqual([1, 2, 3]);
    expect(await readyCount(3)).toBe(1);
  });

  it('answers a load once when two instances both load it', async () => {
    await running.pop()!.close();
    await acceptedWhileDown(4);
    const [a, b] = [new RecordingRuntime(), new RecordingRuntime()];
    await Promise.all([restart(a), restart(b)]);
    await eventually(() => expect([...a.loadsOf(4), ...b.loadsOf(4)]).toHaveLength(2));
    expect(a.loaded().map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(b.loaded().map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(await readyCount(4)).toBe(1);
  });
});
