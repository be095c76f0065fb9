import { randomUUID } from 'node:crypto';
import { stableId, Topics } from '@ledger/contracts';
import { eventually, modelCreated, registryEvent, versionCreated } from '@ledger/testing';
import { orchestratorOnBus, OrchestratorOnBus } from '../../orchestrator-edges.fixture';
import { stepCommandId } from '../run-messages';

// The registry changes nothing (and says nothing) when an alias is set where it already points:
// a run's set-alias step must not wait for an AliasSet that will never come. A gate holds each
// run before the step while someone else moves the alias; a newer version does not supersede.
const GATE_THEN_ALIAS = {
  supersede: false,
  steps: [
    { id: 'gate', type: 'approval' },
    { id: 'challenger', type: 'set-alias', alias: 'challenger' },
  ],
};

describe('a set-alias step whose alias someone else set to its version', () => {
  let o: OrchestratorOnBus;
  const modelId = randomUUID();
  const v1 = versionCreated(modelId, 1);
  const v2 = versionCreated(modelId, 2);
  const runOf = (event: typeof v1) => stableId(`run:*:${event.id}`);
  const approve = async (runId: string) =>
    expect(await o.api('POST', `/api/v1/runs/${runId}/steps/gate/approve`)).toMatchObject({
      status: 202,
      body: { ignored: null },
    });
  const byHand = (streamVersion: number, version: number, previousVersion: number | null) =>
    registryEvent(
      'AliasSet',
      modelId,
      streamVersion,
      { name: 'churn', alias: 'challenger', version, previousVersion },
      { actor: { id: 'bo', kind: 'user' } },
    );

  beforeAll(async () => {
    o = await orchestratorOnBus('orch_alias_steps', { pipeline: GATE_THEN_ALIAS });
    await o.publishEvents(Topics.registryEvents, modelCreated(modelId), v1, v2);
    await o.eventsReaching(runOf(v1), 'PipelineStepStarted', { stepId: 'gate' });
    await o.eventsReaching(runOf(v2), 'PipelineStepStarted', { stepId: 'gate' });
  });
  afterAll(() => o.close());

  it('succeeds when the alias names its version already as the step begins', async () => {
    await o.publishEvents(Topics.registryEvents, byHand(10, 1, null));
    await eventually(async () =>
      expect(await o.service.db.query(`SELECT version FROM known_aliases WHERE model_id = $1`, [modelId])).toEqual([
        { version: 1 },
      ]),
    );
    await approve(runOf(v1));
    const events = await o.eventsReaching(runOf(v1), 'PipelineRunSucceeded');
    expect(events.find((e) => e.type === 'PipelineStepSucceeded' && e.data.stepId === 'challenger')).toBeDefined();
  });

  it('succeeds when someone else sets the alias to its version while the step waits', async () => {
    await approve(runOf(v2));
    const commandId = stepCommandId(runOf(v2), 'challenger', 1);
    await o.eventsReaching(runOf(v2), 'PipelineStepStarted', { stepId: 'challenger', commandId });
    await o.publishEvents(Topics.registryEvents, byHand(11, 2, 1));
    const events = await o.eventsReaching(runOf(v2), 'PipelineRunSucceeded');
    expect(events.find((e) => e.type === 'PipelineStepSucceeded' && e.data.stepId === 'challenger')).toBeDefined();
  });
});
