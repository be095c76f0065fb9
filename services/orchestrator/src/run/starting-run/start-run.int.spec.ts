import { randomUUID } from 'node:crypto';
import { stableId, Topics } from '@ledger/contracts';
import { modelCreated, versionCreated } from '@ledger/testing';
import { orchestratorOnBus, OrchestratorOnBus } from '../../orchestrator-edges.fixture';

// The default pipeline (the fallback until pipelines land): 10 runs at once per model.
describe('starting a run by hand, and the model’s slots', () => {
  let o: OrchestratorOnBus;
  const modelId = randomUUID();
  const v1 = versionCreated(modelId, 1);
  const automatic = stableId(`run:*:${v1.id}`);
  const start = (body: unknown, model = 'churn') => o.api('POST', `/api/v1/pipelines/${model}/runs`, body);

  beforeAll(async () => {
    o = await orchestratorOnBus('orch_start');
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
    const runs: string[] = [];
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

    await o.runPublished(automatic, 'PipelineRunSucceeded', {
      runId: automatic,
      name: 'churn',
      version: 1,
      durationMs: 5,
    });
    const resumed = await o.inputsReaching(runs[9], 2);
    expect(resumed[1]).toMatchObject({ type: 'ResumeQueuedRun', data: { runId: runs[9] } });
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
