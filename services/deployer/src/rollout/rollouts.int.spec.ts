import { CommandEnvelope } from '@ledger/contracts';
import { commandMetadata } from '@ledger/eventstore';
import { eventually } from '@ledger/testing';
import type { RequestRollout } from './rollout-inputs';
import { deployerHarness, DeployerHarness } from './rollouts.harness';
import { request as requestFixture, target } from './rollout.fixtures';

/** The fixture's request, timed and identified as the deployer's edges would do it. */
function request(h: DeployerHarness, version: number, strategy: object, commandId: string): RequestRollout {
  const fixture = requestFixture(version, strategy, { commandId }) as RequestRollout;
  const metadata = commandMetadata(h.deployer.context.metadata, { actor: { id: 'ana', kind: 'user' }, commandId });
  return { ...fixture, metadata };
}

const sent = (h: DeployerHarness, type: string, where: (c: CommandEnvelope) => boolean = () => true) =>
  h.commands.filter((c) => c.type === type && where(c));
const published = (h: DeployerHarness, type: string) => h.events.filter((e) => e.type === type);
// The outbox keeps commands as jsonb, which orders keys its own way: compare routes by their values.
const routes = (c: CommandEnvelope) =>
  (c.data.traffic as { routes: { version: number; weight: number }[] }).routes
    .map((r) => `${r.version}:${r.weight}`)
    .join(' ');
const split = (...pairs: [number, number][]) => pairs.map(([version, weight]) => `${version}:${weight}`).join(' ');

/** Plays serving's part for a load: the LoadModelVersion of this version arrives, and it is answered ready. */
async function loadAndReady(h: DeployerHarness, version: number): Promise<string> {
  const load = await eventually(() => {
    const [found] = sent(h, 'LoadModelVersion', (c) => c.data.version === version);
    expect(found).toBeDefined();
    return found;
  });
  await h.serving('ServingVersionReady', {
    ...target,
    version,
    loadCommandId: load.commandId,
    replicas: 2,
    loadedInMs: 5,
  });
  return load.commandId;
}

const traffic = (version: number, requests: number, errors: number) => ({
  version,
  requests,
  errors,
  rejected: 0,
  errorRate: requests > 0 ? errors / requests : null,
  p50Ms: 3,
  p99Ms: 9,
  shadowRequests: 0,
});

describe('rollouts on the deployer (real PostgreSQL and bus, a manual clock, serving played by the test)', () => {
  let h: DeployerHarness;
  beforeEach(async () => {
    h = await deployerHarness(`rollouts_${Date.now()}_${Math.floor(Math.random() * 1e6)}`);
  });
  afterEach(() => h.close());

  async function deployV1(): Promise<void> {
    await h.deployer.context.rollouts.handle(request(h, 1, { kind: 'replace' }, 'deploy-1'));
    await loadAndReady(h, 1);
    await eventually(() => expect(published(h, 'DeploymentSucceeded')).toHaveLength(1));
  }

  it('loads on ml.serving.commands, steps a canary through on passing measurements, and a failing one rolls back at once', async () => {
    await deployV1();
    const analysis = { intervalSeconds: 10, count: 1, minRequests: 20, maxErrorRate: 0.05 };
    const canary = { kind: 'canary', steps: [{ weight: 20 }, { weight: 60 }], analysis };
    await h.deployer.context.rollouts.handle(request(h, 2, canary, 'deploy-2'));
    await loadAndReady(h, 2);
    await eventually(() => expect(sent(h, 'SetTraffic').map(routes)).toContain(split([1, 80], [2, 20])));

    h.metrics = [traffic(1, 400, 0), traffic(2, 100, 1)];
    h.clock.advance(10_000);
    await eventually(() => expect(sent(h, 'SetTraffic').map(routes)).toContain(split([1, 40], [2, 60])));
    h.clock.advance(10_000);
    await eventually(() => expect(published(h, 'DeploymentSucceeded')).toHaveLength(2));
    await eventually(() => expect(sent(h, 'UnloadModelVersion', (c) => c.data.version === 1)).toHaveLength(1));
    expect(published(h, 'AnalysisCompleted').map((e) => e.data.phase)).toEqual(['successful', 'successful']);

    await h.deployer.context.rollouts.handle(request(h, 3, canary, 'deploy-3'));
    await loadAndReady(h, 3);
    await eventually(() => expect(sent(h, 'SetTraffic').map(routes)).toContain(split([2, 80], [3, 20])));
    h.metrics = [traffic(2, 400, 0), traffic(3, 100, 30)];
    h.clock.advance(10_000);
    await eventually(() => expect(published(h, 'DeploymentRolledBack')).toHaveLength(1));
    expect(published(h, 'DeploymentRolledBack')[0].data).toMatchObject({
      fromVersion: 3,
      toVersion: 2,
      automatic: true,
    });
    await eventually(() => expect(sent(h, 'SetTraffic').map(routes).at(-1)).toBe(split([2, 100])));
    await eventually(() => expect(sent(h, 'UnloadModelVersion', (c) => c.data.version === 3)).toHaveLength(1));
  });

  it('fires a pause timer set before the deployer was closed, once it is started again on the same database', async () => {
    await deployV1();
    const paused = {
      kind: 'canary',
      steps: [
        { weight: 10, pause: { seconds: 60 } },
        { weight: 50, pause: {} },
      ],
    };
    await h.deployer.context.rollouts.handle(request(h, 2, paused, 'deploy-2'));
    await loadAndReady(h, 2);
    await eventually(() => expect(sent(h, 'SetTraffic').map(routes)).toContain(split([1, 90], [2, 10])));

    await h.restart();
    h.clock.advance(60_000);
    await eventually(() => expect(sent(h, 'SetTraffic').map(routes)).toContain(split([1, 50], [2, 50])));
    await eventually(() => expect(published(h, 'DeploymentPaused').map((e) => e.data.reason)).toEqual(['manual']));
  });

  it('takes a repeated request and a redelivered outcome once', async () => {
    const first = await h.deployer.context.rollouts.handle(request(h, 1, { kind: 'replace' }, 'deploy-1'));
    const again = await h.deployer.context.rollouts.handle(request(h, 1, { kind: 'replace' }, 'deploy-1'));
    expect(again).toEqual({ deploymentId: first.deploymentId, duplicate: true });
    expect(first.duplicate).toBe(false);

    const load = await eventually(() => {
      const [found] = sent(h, 'LoadModelVersion');
      expect(found).toBeDefined();
      return found;
    });
    const ready = await h.serving('ServingVersionReady', {
      ...target,
      version: 1,
      loadCommandId: load.commandId,
      replicas: 2,
      loadedInMs: 5,
    });
    await h.republish(ready);
    await eventually(() => expect(published(h, 'DeploymentSucceeded')).toHaveLength(1));
    await h.serving('ServingVersionReady', {
      ...target,
      version: 9,
      loadCommandId: 'nobody-asked',
      replicas: 1,
      loadedInMs: 1,
    });
    await h.deployer.context.rollouts.handle(request(h, 2, { kind: 'replace' }, 'deploy-2'));
    await eventually(() => expect(sent(h, 'LoadModelVersion')).toHaveLength(2));
    expect(sent(h, 'LoadModelVersion', (c) => c.data.version === 1)).toHaveLength(1);
    expect(sent(h, 'SetTraffic')).toHaveLength(1);
    // Events reach the observer through the relay, commands through the outbox: one may lag the other.
    await eventually(() => expect(published(h, 'DeploymentRequested')).toHaveLength(2));
  });
  it('joins a second request for what the running rollout already does: one canary, both end as it ends', async () => {
    await deployV1();
    const analysis = { intervalSeconds: 10, count: 1, minRequests: 20, maxErrorRate: 0.05 };
    const canary = { kind: 'canary', steps: [{ weight: 20 }], analysis };
    const running = await h.deployer.context.rollouts.handle(request(h, 2, canary, 'deploy-2'));
    await loadAndReady(h, 2);
    await eventually(() => expect(sent(h, 'SetTraffic').map(routes)).toContain(split([1, 80], [2, 20])));
    const joiner = await h.deployer.context.rollouts.handle(request(h, 2, canary, 'pipeline-deploy-2'));
    const deployment = async (id: string | null) =>
      ((await (await fetch(`${h.deployer.url}/api/v1/deployments/${id}`)).json()) as { deployment: object }).deployment;
    await eventually(async () =>
      expect(await deployment(joiner.deploymentId)).toMatchObject({ joins: running.deploymentId, phase: 'requested' }),
    );

    h.metrics = [traffic(1, 400, 0), traffic(2, 100, 1)];
    h.clock.advance(10_000);
    await eventually(() => expect(published(h, 'DeploymentSucceeded')).toHaveLength(3));
    expect(published(h, 'DeploymentSucceeded').map((e) => e.data.deploymentId)).toEqual([
      expect.any(String),
      joiner.deploymentId,
      running.deploymentId,
    ]);
    expect(sent(h, 'LoadModelVersion', (c) => c.data.version === 2)).toHaveLength(1);
    expect(published(h, 'DeploymentAborted')).toHaveLength(0);
    await eventually(async () => expect(await deployment(joiner.deploymentId)).toMatchObject({ phase: 'succeeded' }));
    const desired = () =>
      h.deployer.db.query(
        `SELECT stable_deployment_id AS stable, active_deployment_id AS active FROM deployer_desired_serving`,
      );
    await eventually(async () => expect(await desired()).toEqual([{ stable: running.deploymentId, active: null }]));
  });
});
