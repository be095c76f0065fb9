import { randomUUID } from 'node:crypto';
import { stableId, Topics } from '@ledger/contracts';
import { eventually, modelCreated, versionCreated } from '@ledger/testing';
import { orchestratorOnBus, OrchestratorOnBus } from '../../orchestrator-edges.fixture';

// A pipeline of one approval gate: a person ends a run (approve: it succeeds; reject: it fails)
// and retries it. Runs on VersionCreated and by hand, 10 at once per model.
const GATE = { steps: [{ id: 'gate', type: 'approval' }] };

describe('starting a run by hand, and the model’s slots', () => {
  let o: OrchestratorOnBus;
  const modelId = randomUUID();
  const v1 = versionCreated(modelId, 1);
  const automatic = stableId(`run:*:${v1.id}`);
  const start = (body: unknown, model = 'churn') => o.api('POST', `/api/v1/pipelines/${model}/runs`, body);
  const steer = async (runId: string, action: 'approve' | 'reject' | 'retry') =>
    expect(await o.api('POST', `/api/v1/runs/${runId}/steps/gate/${action}`)).toMatchObject({
      status: 202,
      body: { ignored: null },
    });
  const runs: string[] = [];

  beforeAll(async () => {
    o = await orchestratorOnBus('orch_start', { pipeline: GATE });
    await o.publishEvents(Topics.registryEvents, modelCreated(modelId), v1);
    await o.inputsReaching(automatic, 1);
  });
  afterAll(() => o.close());

  it('answers 404 for an unknown model or version and 400 for bad input, naming the field', async () => {
    expect(await start({ version: 1 }, 'nope')).toMatchObject({
      status: 404,
      body: { error_code: 'RESOURCE_DOES_NOT_EXIST' },
    });
    expect(await start({ version: 9 })).toMatchObject({ status: 404, body: { error_code: 'RESOURCE_DOES_NOT_EXIST' } });
    const wrongType = await start({ version: 'one' });
    expect(wrongType).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(wrongType.body.message).toContain('version');
    const undeclared = await start({ version: 1, parameters: { threshold: 0.9 } });
    expect(undeclared).toMatchObject({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE' } });
    expect(undeclared.body.message).toContain('parameters.threshold');
  });

  it('starts runs until the model has maxConcurrentRuns running, then queues; an ended run resumes the oldest queued', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await start({ version: 1 });
      expect(response.status).toBe(202);
      runs.push(response.body.runId);
    }
    const [first] = await o.inputsReaching(runs[0], 1);
    expect(first.data).toMatchObject({ queued: false, trigger: { kind: 'manual', by: 'anonymous' }, parameters: {} });
    const [tenth] = await o.inputsReaching(runs[8], 1);
    expect(tenth.data).toMatchObject({ queued: false, running: 9 });
    const [queued] = await o.inputsReaching(runs[9], 1);
    expect(queued.data).toMatchObject({ queued: true, running: 10 });

    await steer(automatic, 'approve');
    await o.eventsReaching(automatic, 'PipelineRunSucceeded');
    const resumed = await o.inputsReaching(runs[9], 2);
    expect(resumed[1]).toMatchObject({ type: 'ResumeQueuedRun', data: { runId: runs[9] } });
    await o.eventsReaching(runs[9], 'PipelineRunStarted');
  });

  it('a failed run frees its slot; retried by a person it runs again and takes one, until it ends', async () => {
    await steer(runs[0], 'reject');
    await o.eventsReaching(runs[0], 'PipelineRunFailed', { stepId: 'gate' });
    await eventually(async () => expect(await o.slotOf(runs[0])).toBe('failed'));
    await steer(runs[0], 'retry');
    await eventually(async () => expect(await o.slotOf(runs[0])).toBe('running'));
    const late = await start({ version: 1 });
    const [queued] = await o.inputsReaching(late.body.runId, 1);
    expect(queued.data).toMatchObject({ queued: true, running: 10 });

    await steer(runs[0], 'approve');
    await o.eventsReaching(runs[0], 'PipelineRunSucceeded');
    const resumed = await o.inputsReaching(late.body.runId, 2);
    expect(resumed[1]).toMatchObject({ type: 'ResumeQueuedRun', data: { runId: late.body.runId } });
  });

  it('starts a run from StartPipelineRun on the bus once, whatever the resends', async () => {
    const command = {
      commandId: 'ci-run-1',
      type: 'StartPipelineRun',
      schemaVersion: 1,
      actor: { id: 'ci', kind: 'service' },
      correlationId: 'flow-ci-run-1',
      data: { name: 'churn', version: 1 },
    };
    await o.publishRaw(Topics.orchestratorCommands, command, { type: 'StartPipelineRun' });
    await o.publishRaw(Topics.orchestratorCommands, command, { type: 'StartPipelineRun' });
    const runId = stableId('run:manual:ci-run-1');
    const [started] = await o.inputsReaching(runId, 1);
    expect(started).toMatchObject({
      type: 'StartRun',
      data: { trigger: { kind: 'manual', id: 'ci-run-1', by: 'ci' } },
      metadata: { correlationId: 'flow-ci-run-1', commandId: `start:${runId}` },
    });
  });
});
