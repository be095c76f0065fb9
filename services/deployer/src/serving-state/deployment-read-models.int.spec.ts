import { Envelope } from '@ledger/contracts';
import { EventLog, newId } from '@ledger/eventstore';
import { Bus } from '@ledger/messaging';
import { eventually, ServiceUnderTest } from '@ledger/testing';
import type { DeployerContext } from '../deployer.context';
import { edgesOnBus, publisher, RecordingRollouts } from '../deployer-edges.fixture';
import { deploymentsProjection } from '../deployment/getting-deployments/deployments.projection';
import { actualServing } from './observing-serving/actual-serving.projection';
import { desiredServing } from './tracking-desired/desired-serving.projection';

const target = { name: 'churn', environment: 'production' };
const table = (...routes: [number, number][]) => ({ routes: routes.map(([version, weight]) => ({ version, weight })) });
const CANARY = { kind: 'canary', steps: [{ weight: 10 }, { weight: 50 }] };
const at = (second: number) => new Date(Date.UTC(2026, 11, 4, 12, 0, second)).toISOString();
const measured = { requests: 100, errors: 0, errorRate: 0, p99Ms: 4 };

/** Deployer events as the rollout workflow appends them (its stream names are its own business). */
function rolloutEvents(d1: string, d2: string): [string, Record<string, unknown>][] {
  return [
    [
      'DeploymentRequested',
      {
        deploymentId: d1,
        ...target,
        version: 3,
        strategy: { kind: 'replace' },
        replicas: 2,
        trigger: { kind: 'alias', causedBy: 'e-1' },
        reason: null,
        supersedes: null,
      },
    ],
    [
      'DeploymentStarted',
      { deploymentId: d1, ...target, version: 3, stableVersion: null, strategy: { kind: 'replace' } },
    ],
    ['TrafficShifted', { deploymentId: d1, ...target, step: 0, traffic: table([3, 100]), reason: 'replace' }],
    ['DeploymentSucceeded', { deploymentId: d1, ...target, version: 3, replicas: 2, previousVersion: null }],
    [
      'DeploymentRequested',
      {
        deploymentId: d2,
        ...target,
        version: 4,
        strategy: CANARY,
        replicas: 2,
        trigger: { kind: 'manual', causedBy: 'c-1' },
        reason: 'try 4',
        supersedes: null,
      },
    ],
    ['DeploymentStarted', { deploymentId: d2, ...target, version: 4, stableVersion: 3, strategy: CANARY }],
    [
      'TrafficShifted',
      { deploymentId: d2, ...target, step: 0, traffic: table([3, 90], [4, 10]), reason: 'step 1 of 2' },
    ],
    [
      'AnalysisCompleted',
      {
        deploymentId: d2,
        ...target,
        step: 0,
        measurement: 1,
        phase: 'successful',
        canary: measured,
        stable: measured,
        reasons: [],
        failures: 0,
        inconclusives: 0,
      },
    ],
    ['DeploymentPaused', { deploymentId: d2, ...target, step: 0, reason: 'manual' }],
  ];
}

describe('the deployment read models', () => {
  let bus: Bus;
  let t: ServiceUnderTest<DeployerContext>;
  let close: () => Promise<void>;
  const d1 = 'deploy:production:churn:one';
  const d2 = 'deploy:production:churn:two';
  let position = 0;
  const append = async (events: [string, Record<string, unknown>][]) => {
    const log = new EventLog(t.service.db);
    await log.append(
      'rollout-production-churn',
      events.map(([type, data]) => ({
        id: newId(),
        type,
        schemaVersion: 1,
        data,
        metadata: { occurredAt: at(++position), actor: { id: 'deployer', kind: 'service' } },
      })),
      'any',
    );
  };
  const servingEvent = (type: string, data: Record<string, unknown>): Envelope => ({
    id: newId(),
    type,
    schemaVersion: 1,
    source: 'serving',
    streamId: 'serving-production-churn',
    streamVersion: ++position,
    occurredAt: at(position),
    actor: { id: 'serving', kind: 'service' },
    correlationId: newId(),
    causationId: null,
    data: { ...target, ...data },
  });
  const get = async (path: string) => (await t.api('GET', path)).body;

  beforeAll(async () => {
    ({ bus, t, close } = await edgesOnBus('deployer_rm', new RecordingRollouts()));
    await append(rolloutEvents(d1, d2));
  });
  afterAll(() => close());

  it('the dashboard shows per environment and model the stable version, the rollout on and the last outcome', async () => {
    await eventually(async () =>
      expect(await get('/api/v1/deployments/status')).toEqual({
        environments: [
          {
            environment: 'production',
            models: [
              {
                name: 'churn',
                stableVersion: 3,
                stableSince: at(4),
                replicas: 2,
                rollout: { deploymentId: d2, version: 4, strategy: 'canary', phase: 'paused', step: 0, weight: 10 },
                lastOutcome: { outcome: 'succeeded', deploymentId: d1, at: at(4) },
              },
            ],
          },
        ],
      }),
    );
  });

  it('a deployment reads back with its events: steps, traffic shifts, analysis results', async () => {
    const { deployment, events } = await get(`/api/v1/deployments/${encodeURIComponent(d2)}`);
    expect(deployment).toMatchObject({
      deploymentId: d2,
      version: 4,
      phase: 'paused',
      pausedReason: 'manual',
      stableVersion: 3,
      weight: 10,
      reason: 'try 4',
    });
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'DeploymentRequested',
      'DeploymentStarted',
      'TrafficShifted',
      'AnalysisCompleted',
      'DeploymentPaused',
    ]);
    expect(events[3].data).toMatchObject({ phase: 'successful', canary: measured });
    const rollouts = await get('/api/v1/environments/production/models/churn/deployments');
    expect(rollouts.deployments.map((d: { deploymentId: string; phase: string }) => [d.deploymentId, d.phase])).toEqual(
      [
        [d2, 'paused'],
        [d1, 'succeeded'],
      ],
    );
    expect(
      (await get('/api/v1/environments/production/models/churn/history?limit=2')).events.map(
        (e: { type: string }) => e.type,
      ),
    ).toEqual(['AnalysisCompleted', 'DeploymentPaused']);
  });

  it("the environment's traffic is the routing table the deployer set", async () => {
    expect(await get('/api/v1/environments/production/traffic')).toEqual({
      environment: 'production',
      models: [{ name: 'churn', traffic: table([3, 90], [4, 10]), stableVersion: 3, activeDeploymentId: d2 }],
    });
  });

  it('info says which version serves since when by which rollout, and desired against what serving reports', async () => {
    const before = await get('/api/v1/environments/production/models/churn/info');
    expect(before).toMatchObject({
      serving: {
        version: 3,
        since: at(4),
        deploymentId: d1,
        trigger: { kind: 'alias', causedBy: 'e-1' },
        requestedBy: 'deployer',
      },
      desired: { traffic: table([3, 90], [4, 10]), replicas: 2, rolloutInProgress: d2 },
      actual: { traffic: null, versions: [] },
      inSync: false,
    });
    await publisher(bus).serving(
      servingEvent('ServingVersionLoadRequested', {
        version: 3,
        loadCommandId: 'l3',
        artifactSha256: 'a'.repeat(64),
        replicas: 2,
        signature: null,
      }),
      servingEvent('ServingVersionReady', { version: 3, loadCommandId: 'l3', replicas: 2, loadedInMs: 12 }),
      servingEvent('ServingVersionLoadRequested', {
        version: 4,
        loadCommandId: 'l4',
        artifactSha256: 'b'.repeat(64),
        replicas: 2,
        signature: null,
      }),
      servingEvent('ServingVersionReady', { version: 4, loadCommandId: 'l4', replicas: 2, loadedInMs: 15 }),
      servingEvent('ServingTrafficSet', { traffic: table([4, 10], [3, 90]) }),
    );
    await eventually(async () =>
      expect(await get('/api/v1/environments/production/models/churn/info')).toMatchObject({
        inSync: true,
        differences: [],
      }),
    );
    const { actual } = await get('/api/v1/environments/production/models/churn/info');
    expect(
      actual.versions.map((v: { version: number; state: string; replicas: number }) => [
        v.version,
        v.state,
        v.replicas,
      ]),
    ).toEqual([
      [3, 'ready', 2],
      [4, 'ready', 2],
    ]);
  });

  it('a rollback puts stable back on all traffic and ends the rollout', async () => {
    await append([
      [
        'DeploymentRolledBack',
        { deploymentId: d2, ...target, fromVersion: 4, toVersion: 3, automatic: true, reason: 'error rate 0.2 > 0.01' },
      ],
    ]);
    await eventually(async () =>
      expect((await get('/api/v1/deployments/status')).environments[0].models[0]).toMatchObject({
        stableVersion: 3,
        rollout: null,
        lastOutcome: { outcome: 'rolled-back', deploymentId: d2 },
      }),
    );
    expect((await get('/api/v1/environments/production/traffic')).models[0].traffic).toEqual(table([3, 100]));
    expect((await get(`/api/v1/deployments/${encodeURIComponent(d2)}`)).deployment).toMatchObject({
      phase: 'rolled-back',
      outcomeReason: 'error rate 0.2 > 0.01',
    });
  });

  it('rebuilds every read model from the log to identical rows', async () => {
    const snapshot = () =>
      Promise.all(
        [
          'deployer_deployments',
          'deployer_rollout_events',
          'deployer_desired_serving',
          'deployer_actual_versions',
          'deployer_actual_traffic',
        ].map((table) => t.service.db.query(`SELECT * FROM ${table} ORDER BY 1, 2`)),
      );
    const before = await snapshot();
    for (const projection of [deploymentsProjection, desiredServing, actualServing])
      await t.service.runner!.rebuild(projection);
    expect(await snapshot()).toEqual(before);
  });

  it('answers what it does not know with 404 and bad input with 400', async () => {
    expect((await t.api('GET', '/api/v1/deployments/nope')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/environments/production/models/fraud/info')).body).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'registered model "fraud" was never deployed to environment "production"',
    });
    expect((await t.api('GET', '/api/v1/environments/dev/traffic')).status).toBe(404);
    expect((await t.api('GET', '/api/v1/environments/production/models/churn/history?limit=0')).status).toBe(400);
    expect((await t.api('GET', '/api/v1/environments/PROD/traffic')).status).toBe(400);
  });
});
