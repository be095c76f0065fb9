import { dlqTopic, Topics } from '@ledger/contracts';
import { eventually, serviceOnBus, ServiceOnBus } from '@ledger/testing';
import { orchestratorService, OrchestratorContext } from '../../orchestrator.service';
import { at, queued, runStream, started, stepFailed, stepStarted, stepSucceeded } from './run-events.fixture';
import { runsProjection } from './runs.projection';
import { RUN_TABLES } from './runs.tables';

const run = (runId: string, name: string, version: number) => ({ runId, name, version });
const A = run('run-a', 'churn', 4);
const B = run('run-b', 'churn', 5);
const C = run('run-c', 'fraud', 1);
const D = run('run-d', 'churn', 3);
const E = run('run-e', 'fraud', 2);
const GATED: [string, string][] = [
  ['validate', 'validate'],
  ['staging', 'transition'],
  ['approve', 'approval'],
];

describe('the runs read models', () => {
  let h: ServiceOnBus<OrchestratorContext>;
  const get = async (path: string) => (await h.t.api('GET', path)).body;
  const ids = (body: { runs: { runId: string }[] }) => body.runs.map((r) => r.runId);

  beforeAll(async () => {
    h = await serviceOnBus(orchestratorService, {
      label: 'orch_runs',
      actorId: 'ci',
      commandTopic: Topics.orchestratorCommands,
      observe: [dlqTopic(Topics.orchestratorCommands)],
    });
    const db = h.t.service.db;
    await runStream(db, A)(
      started('churn', GATED),
      stepStarted('validate', 'validate'),
      stepSucceeded('validate'),
      stepStarted('staging', 'transition'),
      stepSucceeded('staging'),
      stepStarted('approve', 'approval'),
      ['ApproveStep', { runId: A.runId, stepId: 'approve', comment: 'lgtm' }, 'input'],
      [
        'PipelineApprovalRecorded',
        {
          stepId: 'approve',
          decision: 'approved',
          actor: { id: 'bo', kind: 'user' },
          comment: 'lgtm',
          approvals: 1,
          required: 2,
        },
      ],
      ['ApproveStep', { runId: A.runId, stepId: 'approve', comment: 'again' }, 'input'],
      ['WorkflowInputIgnored', { reason: 'ana already approved step "approve"' }, 'ignore'],
    );
    await runStream(db, C)(
      started('*', [['validate', 'validate']]),
      stepStarted('validate', 'validate'),
      stepFailed('validate', 1, at(30), true),
      stepStarted('validate', 'validate', 2),
      stepFailed('validate', 2, null),
      ['PipelineRunFailed', { stepId: 'validate', reason: 'step "validate" failed: auc 0.7 < 0.8', durationMs: 5000 }],
    );
    await runStream(db, D)(
      started('churn', [['validate', 'validate']]),
      stepStarted('validate', 'validate'),
      stepSucceeded('validate'),
      ['PipelineRunSucceeded', { durationMs: 1000 }],
    );
    await runStream(db, E)(started('*', [['wait', 'wait']]), [
      'PipelineRunCancelled',
      { reason: 'superseded by v3', by: null, supersededBy: 'run-x', durationMs: 2000 },
    ]);
    // Queued last: a churn run ending after it would have the router resume it, and the workflow
    // cannot begin a run these records made up (it never took the StartRun).
    await runStream(db, B)(queued());
  });
  afterAll(() => h.close());

  it('a run whose only running step is an approval gate waits; its steps say where each stands', async () => {
    await eventually(async () => expect((await get('/api/v1/runs/run-b')).run?.status).toBe('queued'));
    const { run: a, steps, ignored } = await get('/api/v1/runs/run-a');
    expect(a).toMatchObject({
      runId: 'run-a',
      name: 'churn',
      version: 4,
      status: 'waiting',
      pipeline: { model: 'churn', pipelineVersion: 1 },
      trigger: { kind: 'VersionCreated', id: 'e-1', by: 'trainer' },
      startedAt: at(1),
      endedAt: null,
      correlationId: 'flow-run-a',
    });
    expect(steps.map((s: { stepId: string; status: string }) => [s.stepId, s.status])).toEqual([
      ['validate', 'succeeded'],
      ['staging', 'succeeded'],
      ['approve', 'running'],
    ]);
    expect(steps[2].approvals).toEqual([
      { decision: 'approved', actor: { id: 'bo', kind: 'user' }, comment: 'lgtm', at: at(8) },
    ]);
    expect(ignored).toEqual([
      expect.objectContaining({
        type: 'ApproveStep',
        data: expect.objectContaining({ comment: 'again' }),
        reason: 'ana already approved step "approve"',
      }),
    ]);
  });

  it("a run's history is every record of its stream, in order, with the role the workflow gave it", async () => {
    const { history } = await get('/api/v1/runs/run-a');
    expect(history.map((r: { type: string; role: string }) => `${r.role}:${r.type}`)).toEqual([
      'publish:PipelineRunStarted',
      'publish:PipelineStepStarted',
      'publish:PipelineStepSucceeded',
      'publish:PipelineStepStarted',
      'publish:PipelineStepSucceeded',
      'publish:PipelineStepStarted',
      'input:ApproveStep',
      'publish:PipelineApprovalRecorded',
      'input:ApproveStep',
      'ignore:WorkflowInputIgnored',
    ]);
    expect(history[6]).toMatchObject({
      actor: { id: 'ana', kind: 'user' },
      commandId: 'cmd-7',
      correlationId: 'flow-run-a',
    });
  });

  it('a failed run names the step and why; its step counts attempts and keeps the last reason', async () => {
    const { run: c, steps } = await get('/api/v1/runs/run-c');
    expect(c).toMatchObject({ status: 'failed', failedStep: 'validate', durationMs: 5000, endedAt: at(6) });
    expect(steps[0]).toMatchObject({ status: 'failed', attempts: 2, lastReason: 'auc 0.7 < 0.8', retryAt: null });
    expect((await get('/api/v1/runs/run-b')).run).toMatchObject({ status: 'queued', pipeline: null, queuedAt: at(1) });
  });

  it('lists runs newest first, by model, version and status, a page at a time', async () => {
    expect(ids(await get('/api/v1/runs'))).toEqual(['run-b', 'run-e', 'run-d', 'run-c', 'run-a']);
    const first = await get('/api/v1/runs?model=churn&limit=2');
    expect(ids(first)).toEqual(['run-b', 'run-d']);
    const second = await get(`/api/v1/runs?model=churn&limit=2&pageToken=${first.nextPageToken}`);
    expect([ids(second), second.nextPageToken]).toEqual([['run-a'], null]);
    expect(ids(await get('/api/v1/runs?status=waiting'))).toEqual(['run-a']);
    expect(ids(await get('/api/v1/runs?model=churn&version=5'))).toEqual(['run-b']);
  });

  it('the metrics dashboard counts runs by status, durations per pipeline, step failures, gates waiting', async () => {
    expect(await get('/api/v1/pipelines/metrics')).toEqual({
      runsByStatus: { queued: 1, running: 0, waiting: 1, succeeded: 1, failed: 1, cancelled: 1 },
      durations: [
        { pipeline: '*', runs: 2, p50Ms: 2000, p95Ms: 5000, maxMs: 5000 },
        { pipeline: 'churn', runs: 1, p50Ms: 1000, p95Ms: 1000, maxMs: 1000 },
      ],
      stepFailures: [{ stepId: 'validate', type: 'validate', failures: 2, timedOut: 1 }],
      approvalsWaiting: 1,
    });
  });

  it('a failed run whose step is started again runs again', async () => {
    await runStream(h.t.service.db, C)(stepStarted('validate', 'validate', 3));
    await eventually(async () =>
      expect((await get('/api/v1/runs/run-c')).run).toMatchObject({
        status: 'running',
        endedAt: null,
        failedStep: null,
      }),
    );
    expect((await get('/api/v1/runs/run-c')).steps[0]).toMatchObject({ status: 'running', attempts: 3 });
  });

  it('rebuilds from the log to identical rows', async () => {
    const snapshot = () =>
      Promise.all(RUN_TABLES.map((table) => h.t.service.db.query(`SELECT * FROM ${table} ORDER BY 1, 2`)));
    const before = await snapshot();
    await h.t.service.runner!.rebuild(runsProjection);
    expect(await snapshot()).toEqual(before);
  });

  it('answers an unknown run with 404 and bad input with 400', async () => {
    expect((await h.t.api('GET', '/api/v1/runs/nope')).body).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'no pipeline run "nope"',
    });
    for (const query of ['limit=0', 'status=done', 'version=zero', 'pageToken=abc', 'colour=red'])
      expect([query, (await h.t.api('GET', `/api/v1/runs?${query}`)).status]).toEqual([query, 400]);
  });
});
