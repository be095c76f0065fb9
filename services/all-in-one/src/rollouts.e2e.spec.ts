import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { freePort } from '@ledger/platform';
import { eventually, failureShare, failuresByVersion, sentBetween, startTraffic, versionsByKey } from '@ledger/testing';
import { RunningPlatform, startPlatform } from './platform';
import { churnRequest, platformApi } from './rollouts.fixture';

const ONNX_DIR = resolve(__dirname, '../../../fixtures/onnx');

/**
 * Rollouts end to end on the embedded platform: real ONNX models registered on the registry,
 * rolled out by the deployer, served by serving's worker-thread replicas, under real traffic
 * from a load generator in the test — and nothing but HTTP and the bus between the services.
 */
describe('rollouts end to end: registry → deployer → serving under real traffic', () => {
  let platform: RunningPlatform;
  let api: ReturnType<typeof platformApi>;
  let artifactsDir: string;
  const suffix = randomBytes(3).toString('hex');
  const model = (name: string) => `${name}-${suffix}`;
  // Fast analysis: a measurement a second, two per step. A step's first interval is partly before
  // its traffic shift, and on a loaded machine the canary's share may be thin for a while: a step
  // never promotes on inconclusive measurements alone, it measures on (up to 10 of them).
  const analysis = { intervalSeconds: 1, count: 2, minRequests: 3, inconclusiveLimit: 10, maxErrorRate: 0.05 };
  const canary = { kind: 'canary', steps: [{ weight: 10 }, { weight: 50 }], analysis };

  beforeAll(async () => {
    artifactsDir = await mkdtemp(join(tmpdir(), 'rollouts-e2e-'));
    const names = ['registry', 'validator', 'identity', 'serving', 'deployer'];
    platform = await startPlatform({
      postgresUrl: process.env.TEST_DATABASE_URL!,
      databasePrefix: `rollouts_${suffix}_`,
      bus: { kind: 'postgres' },
      ports: Object.fromEntries(await Promise.all(names.map(async (n) => [n, await freePort()]))),
      host: '127.0.0.1',
      quiet: true,
      artifactsDir,
    });
    api = platformApi(platform);
    await api.ok('deployer', 'PUT', '/api/v1/environments/canary', { trigger: { kind: 'manual' } });
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
    await rm(artifactsDir, { recursive: true, force: true });
  });

  /** v1 of `name` serving all of `environment`'s traffic, before the rollout under test. */
  async function stableV1(name: string, environment = 'canary', replicas = 1): Promise<void> {
    const v1 = await api.register(name, 'classifier.onnx');
    await api.until(await api.deploy(environment, name, { version: v1, replicas }), 'succeeded');
  }

  // Every load generator a test started stops after it, even when the test failed half-way:
  // a load left running would starve the tests after it.
  const loads: { stop(): Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(loads.splice(0).map((load) => load.stop()));
  });

  const traffic = (name: string, environment = 'canary', extra: Partial<Parameters<typeof startTraffic>[0]> = {}) =>
    started({
      url: api.inferUrl(name),
      body: churnRequest(),
      headers: { 'x-ledger-environment': environment },
      ratePerSec: 100,
      concurrency: 16,
      ...extra,
    });

  function started(options: Parameters<typeof startTraffic>[0]) {
    const load = startTraffic(options);
    loads.push(load);
    return load;
  }

  it('promotes a healthy canary 10 → 50 → 100 on passing analysis, then unloads the old version', async () => {
    const name = model('canary-ok');
    await stableV1(name);
    const load = traffic(name);
    const v2 = await api.register(name, 'classifier.onnx');
    const id = await api.deploy('canary', name, { version: v2, replicas: 3, strategy: canary });
    const done = await api.until(id, 'succeeded');
    const report = await load.stop();
    expect(done.version).toBe(v2);
    expect(failureShare(report.responses)).toBe(0);
    expect(Object.keys(failuresByVersion(report.responses)).sort()).toEqual(['1', '2']);
    const { events } = await api.ok('deployer', 'GET', `/api/v1/deployments/${id}`);
    const weights = (events as { type: string; data: { traffic: { routes: { version: number; weight: number }[] } } }[])
      .filter((e) => e.type === 'TrafficShifted')
      .map((e) => e.data.traffic.routes.find((r) => r.version === v2)?.weight ?? 0);
    expect(weights).toEqual([10, 50, 100]);
    await eventually(async () => expect(await api.held('canary', name)).toEqual([{ version: v2, replicas: 3 }]));
  });

  it('rolls a broken canary back by itself, failing no more requests than the canary weight', async () => {
    const name = model('canary-broken');
    await stableV1(name);
    const load = traffic(name);
    const v2 = await api.register(name, 'classifier_faulty.onnx');
    const id = await api.deploy('canary', name, { version: v2, strategy: canary });
    const rolledBack = await api.until(id, 'rolled-back');
    const backAt = Date.now();
    await eventually(async () => expect(await api.held('canary', name)).toEqual([{ version: 1, replicas: 1 }]));
    const report = await load.stop();
    expect(rolledBack.outcomeReason).toMatch(/error rate/i);
    // Only requests routed to the canary failed, and it never had more than its first step's 10%.
    const failures = failuresByVersion(report.responses);
    expect(Object.keys(failures).sort()).toEqual(['1', '2']);
    expect(failures['1'].failed).toBe(0);
    expect({ share: failureShare(report.responses), failures }).toMatchObject({ share: expect.any(Number) });
    expect(failureShare(report.responses)).toBeLessThanOrEqual(0.1);
    // A second after the rollback, every request is answered by the stable version.
    const after = sentBetween(report.responses, backAt + 1_000);
    expect(after.every((r) => r.status === 200 && r.version === '1')).toBe(true);
  });

  it('promotes a blue-green preview on request and rolls back at once inside the window, without a reload', async () => {
    const name = model('blue-green');
    await stableV1(name);
    const v2 = await api.register(name, 'classifier.onnx');
    const blueGreen = { kind: 'blue-green', scaleDownDelaySeconds: 600 };
    const id = await api.deploy('canary', name, { version: v2, strategy: blueGreen });
    await api.until(id, 'paused');
    await api.ok('deployer', 'POST', `/api/v1/environments/canary/models/${name}/promote`, {});
    await api.until(id, 'succeeded');
    const load = traffic(name);
    await eventually(async () => expect(load.snapshot().responses.at(-1)?.version).toBe(String(v2)));
    // The old version stays warm for the window: a rollback only moves traffic.
    expect(await api.held('canary', name)).toEqual([
      { version: 1, replicas: 1 },
      { version: v2, replicas: 1 },
    ]);
    await api.ok('deployer', 'POST', `/api/v1/environments/canary/models/${name}/rollback`, {});
    await eventually(async () => expect(load.snapshot().responses.at(-1)?.version).toBe('1'), { timeoutMs: 5_000 });
    const report = await load.stop();
    expect(failureShare(report.responses)).toBe(0);
  });

  it('scales 3 → 5 replicas under load without failing a request', async () => {
    const name = model('scaled');
    await stableV1(name, 'canary', 3);
    const load = traffic(name, 'canary', { ratePerSec: 100 });
    await api.ok('deployer', 'POST', `/api/v1/environments/canary/models/${name}/scale`, { replicas: 5 });
    await eventually(async () => expect(await api.held('canary', name)).toEqual([{ version: 1, replicas: 5 }]));
    const report = await load.stop();
    expect(report.responses.length).toBeGreaterThan(0);
    expect(failureShare(report.responses)).toBe(0);
  });

  it('keeps a sticky key on one version of a 50/50 split', async () => {
    // The split is serving's own: loaded and routed through its control API, a header hashed onto the weights.
    const name = model('sticky');
    const base = `/api/v1/environments/sticky/models/${name}`;
    // The registry's version does not show an uploaded artifact yet (issue 11): its digest is the file's.
    const artifactSha256 = createHash('sha256')
      .update(readFileSync(join(ONNX_DIR, 'classifier.onnx')))
      .digest('hex');
    for (const version of [await api.register(name, 'classifier.onnx'), await api.register(name, 'classifier.onnx')])
      await api.ok('serving', 'POST', `${base}/versions/${version}/load`, { artifactSha256 });
    const table = {
      routes: [
        { version: 1, weight: 50 },
        { version: 2, weight: 50 },
      ],
      stickyHeader: 'X-User',
    };
    await eventually(async () => expect((await api.call('serving', 'PUT', `${base}/traffic`, table)).status).toBe(202));
    await eventually(async () => expect((await api.held('sticky', name)).map((v) => v.version)).toEqual([1, 2]));
    const keys = Array.from({ length: 40 }, (_, i) => `user-${i}`);
    const load = traffic(name, 'sticky', { sticky: { header: 'X-User', keys }, ratePerSec: 80 });
    await eventually(() =>
      expect(load.snapshot().responses.filter((r) => r.status === 200).length).toBeGreaterThan(200),
    );
    const report = await load.stop();
    const byKey = versionsByKey(report.responses.filter((r) => r.status === 200));
    expect(Object.keys(byKey)).toHaveLength(keys.length);
    expect(Object.values(byKey).every((versions) => versions.length === 1)).toBe(true);
    expect([...new Set(Object.values(byKey).flat())].sort()).toEqual(['1', '2']);
  });

  it('rolls the new champion out to production when the alias moves, through events alone', async () => {
    const name = model('champion');
    await api.ok('deployer', 'PUT', '/api/v1/environments/production', {
      trigger: { kind: 'alias', alias: 'champion' },
      strategy: { kind: 'replace' },
    });
    const v1 = await api.register(name, 'classifier.onnx');
    const v2 = await api.register(name, 'classifier_slow.onnx');
    const served = async () => {
      const response = await fetch(api.inferUrl(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ledger-environment': 'production' },
        body: JSON.stringify(churnRequest()),
      });
      expect(response.status).toBe(200);
      return response.headers.get('x-ledger-model-version');
    };
    await api.ok('registry', 'PUT', `/api/v1/models/${name}/aliases/champion`, { version: v1 });
    await eventually(async () => expect(await served()).toBe(String(v1)), { timeoutMs: 30_000 });
    await api.ok('registry', 'PUT', `/api/v1/models/${name}/aliases/champion`, { version: v2 });
    await eventually(async () => expect(await served()).toBe(String(v2)), { timeoutMs: 30_000 });
    await eventually(async () => expect(await api.held('production', name)).toEqual([{ version: v2, replicas: 1 }]));
  });
});
