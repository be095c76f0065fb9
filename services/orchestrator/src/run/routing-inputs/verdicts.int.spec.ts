import { randomUUID } from 'node:crypto';
import { Envelope, stableId, Topics } from '@ledger/contracts';
import { modelCreated, registryEvent, versionCreated } from '@ledger/testing';
import { orchestratorOnBus, OrchestratorOnBus } from '../../orchestrator-edges.fixture';

// A gate before the validate step: the run can fail (the gate rejected) before the version's
// automatic verdict arrives, and a person can make it run again afterwards.
const GATE_THEN_VALIDATE = {
  steps: [
    { id: 'gate', type: 'approval' },
    { id: 'validate', type: 'validate' },
  ],
};

describe('a verdict that arrives while a run is failed', () => {
  let o: OrchestratorOnBus;
  const modelId = randomUUID();
  const v1 = versionCreated(modelId, 1);
  const run = stableId(`run:*:${v1.id}`);
  const steer = async (action: 'approve' | 'reject' | 'retry') =>
    expect(await o.api('POST', `/api/v1/runs/${run}/steps/gate/${action}`)).toMatchObject({
      status: 202,
      body: { ignored: null },
    });

  beforeAll(async () => {
    o = await orchestratorOnBus('orch_verdicts', { pipeline: GATE_THEN_VALIDATE });
    await o.publishEvents(Topics.registryEvents, modelCreated(modelId), v1);
    await o.eventsReaching(run, 'PipelineStepStarted', { stepId: 'gate' });
  });
  afterAll(() => o.close());

  it('is kept by the run: retried by a person, its validate step takes it', async () => {
    await steer('reject');
    await o.eventsReaching(run, 'PipelineRunFailed', { stepId: 'gate' });
    const validation = randomUUID();
    await o.publishEvents(Topics.validatorEvents, ...passed(validation));
    const inputs = await o.inputsReaching(run, 3);
    expect(inputs[2]).toMatchObject({ type: 'VerdictReceived', data: { verdict: { validationRunId: validation } } });

    await steer('retry');
    await steer('approve');
    const events = await o.eventsReaching(run, 'PipelineRunSucceeded');
    expect(events.find((e) => e.type === 'PipelineStepSucceeded' && e.data.stepId === 'validate')).toMatchObject({
      data: { detail: { validationRunId: validation, passed: true } },
    });
  });

  /** The version's automatic validation (its VersionCreated's), passed. */
  const passed = (validation: string): Envelope[] => {
    const base = { runId: validation, modelId, name: 'churn', version: 1 };
    const summary = { total: 0, passed: 0, failed: 0, inconclusive: 0, error: 0, failedBlocking: [], warnings: [] };
    return [
      validatorEvent('ValidationStarted', {
        ...base,
        policyVersion: 0,
        checks: [],
        dryRun: false,
        trigger: { kind: 'VersionCreated', id: v1.id },
        baselines: [],
      }),
      validatorEvent('ValidationPassed', { ...base, policyVersion: 0, summary }),
    ];
  };
  const validatorEvent = (type: string, data: Record<string, unknown>): Envelope => ({
    ...registryEvent(type, modelId, 1, data),
    source: 'validator',
    streamId: `validation-run-${String(data.runId)}`,
    data,
  });
});
