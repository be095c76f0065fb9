import { dlqTopic, Envelope, Topics } from '@ledger/contracts';
import { appendToInbox, newId } from '@ledger/eventstore';
import { eventually, serviceOnBus, ServiceOnBus } from '@ledger/testing';
import { orchestratorService, OrchestratorContext } from '../orchestrator.service';
import { at, runStream, started, stepStarted } from '../run/getting-runs/run-events.fixture';
import { timelineProjection } from './getting-timeline/timeline.projection';

const MODEL_ID = '0193a4d1-0000-7000-8000-000000000000';
const FLOW = 'train-job-4711';
let streamVersion = 0;

/** Another service's event as it arrives on its topic, at the given second. */
const envelope = (source: string, type: string, second: number, data: Record<string, unknown>): Envelope => ({
  id: newId(),
  type,
  schemaVersion: 1,
  source,
  streamId: `${source}-churn`,
  streamVersion: ++streamVersion,
  occurredAt: at(second),
  actor: { id: source === 'registry' ? 'trainer' : source, kind: 'service' },
  correlationId: FLOW,
  causationId: null,
  data: { name: 'churn', ...data },
});
const registry = (type: string, second: number, data: Record<string, unknown>) =>
  envelope('registry', type, second, { modelId: MODEL_ID, ...data });
const summary = { total: 1, passed: 1, failed: 0, inconclusive: 0, error: 0, failedBlocking: [], warnings: [] };
const rollout = { deploymentId: 'deploy:production:churn:1', environment: 'production' };

describe("a version's cross-service timeline", () => {
  let h: ServiceOnBus<OrchestratorContext>;
  const timeline = async (version: number) =>
    (await h.t.api('GET', `/api/v1/models/churn/versions/${version}/timeline`)).body;
  const lines = (body: { events: { service: string; type: string; summary: string }[] }) =>
    body.events.map((e) => `${e.service} ${e.type}: ${e.summary}`);

  beforeAll(async () => {
    h = await serviceOnBus(orchestratorService, {
      label: 'orch_timeline',
      actorId: 'ci',
      commandTopic: Topics.orchestratorCommands,
      observe: [dlqTopic(Topics.orchestratorCommands)],
    });
    const received = [
      registry('VersionCreated', 0, {
        version: 1,
        source: 's3://m/1',
        runId: 'r1',
        description: '',
        tags: {},
        metrics: {},
      }),
      registry('VersionCreated', 0, {
        version: 2,
        source: 's3://m/2',
        runId: 'r2',
        description: '',
        tags: {},
        metrics: {},
      }),
      envelope('validator', 'ValidationPassed', 1, {
        runId: newId(),
        modelId: MODEL_ID,
        version: 2,
        policyVersion: 0,
        summary,
      }),
      registry('VersionStageTransitioned', 10, {
        version: 2,
        from: 'Staging',
        to: 'Production',
        archivedVersions: [{ version: 1, from: 'Production' }],
      }),
      envelope('deployer', 'DeploymentRequested', 11, {
        ...rollout,
        version: 2,
        strategy: { kind: 'replace' },
        replicas: 1,
        trigger: { kind: 'manual', causedBy: 'c-1' },
        reason: null,
        supersedes: null,
      }),
      envelope('deployer', 'TrafficShifted', 12, {
        ...rollout,
        step: 0,
        traffic: { routes: [{ version: 2, weight: 100 }] },
        reason: 'replace',
      }),
      envelope('deployer', 'DeploymentSucceeded', 13, { ...rollout, version: 2, replicas: 1, previousVersion: 1 }),
    ];
    await h.t.service.db.transaction(async (tx) => {
      for (const e of received) await appendToInbox(tx, e);
    });
    // The run's events are in the log after the inbox's, though they happened between its events.
    await runStream(h.t.service.db, { runId: 'run-2', name: 'churn', version: 2 })(
      started('*', [['validate', 'validate']]),
      stepStarted('validate', 'validate'),
      ['StartRun', { runId: 'run-2' }, 'input'],
    );
  });
  afterAll(() => h.close());

  it('holds every service’s events of the version in the order they happened, each in one line', async () => {
    await eventually(async () => expect((await timeline(2)).events).toHaveLength(8));
    expect(lines(await timeline(2))).toEqual([
      'registry VersionCreated: v2 of churn registered from s3://m/2',
      'validator ValidationPassed: validation passed (policy 0)',
      'orchestrator PipelineRunStarted: pipeline run started by VersionCreated (pipeline * v1)',
      'orchestrator PipelineStepStarted: step "validate" (validate) started, attempt 1',
      'registry VersionStageTransitioned: v2 moved from Staging to Production (archived v1)',
      'deployer DeploymentRequested: rollout of v2 to production requested (replace)',
      'deployer TrafficShifted: traffic in production: replace',
      'deployer DeploymentSucceeded: v2 serves all traffic in production',
    ]);
  });

  it('each row carries its envelope: time, ids, the chain’s correlation, the actor, the data', async () => {
    const [created] = (await timeline(2)).events;
    expect(created).toEqual({
      service: 'registry',
      type: 'VersionCreated',
      occurredAt: at(0),
      eventId: expect.any(String),
      correlationId: FLOW,
      causationId: null,
      actor: { id: 'trainer', kind: 'service' },
      summary: 'v2 of churn registered from s3://m/2',
      data: expect.objectContaining({ name: 'churn', version: 2, source: 's3://m/2' }),
    });
  });

  it('a version archived by another’s promotion has it in its own timeline', async () => {
    expect(lines(await timeline(1))).toEqual([
      'registry VersionCreated: v1 of churn registered from s3://m/1',
      'registry VersionStageTransitioned: v2 moved from Staging to Production (archived v1)',
    ]);
  });

  it('rebuilds from the log to identical rows', async () => {
    const snapshot = () =>
      Promise.all(
        ['version_timeline', 'timeline_deployments'].map((t) =>
          h.t.service.db.query(`SELECT * FROM ${t} ORDER BY 1, 2`),
        ),
      );
    const before = await snapshot();
    await h.t.service.runner!.rebuild(timelineProjection);
    expect(await snapshot()).toEqual(before);
  });

  it('answers a version nobody heard of with 404 and a bad one with 400', async () => {
    expect((await h.t.api('GET', '/api/v1/models/churn/versions/9/timeline')).body).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'no events of version 9 of registered model "churn" reached the orchestrator',
    });
    expect((await h.t.api('GET', '/api/v1/models/churn/versions/zero/timeline')).body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(/^version: /),
    });
  });
});
