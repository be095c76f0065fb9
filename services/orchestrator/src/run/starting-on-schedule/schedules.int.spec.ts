import { randomUUID } from 'node:crypto';
import { stableId, Topics } from '@ledger/contracts';
import { ManualClock } from '@ledger/eventstore';
import { aliasSet, eventually, modelCreated, versionCreated } from '@ledger/testing';
import { orchestratorOnBus, OrchestratorOnBus } from '../../orchestrator-edges.fixture';

const MINUTE = 60_000;
const scheduledRun = (tick: string) => stableId(`run:schedule:churn:1:0:${tick}:churn`);

describe('cron schedules start runs durably, each tick once', () => {
  const clock = new ManualClock('2026-01-01T00:00:00.000Z');
  const modelId = randomUUID();
  let o: OrchestratorOnBus;

  const define = async () => {
    const definition = {
      triggers: [{ on: 'schedule', cron: '*/5 * * * *', target: { alias: 'champion' } }],
      steps: [{ id: 'revalidate', type: 'validate', revalidate: true }],
    };
    expect(await o.api('PUT', '/api/v1/pipelines/churn', definition)).toMatchObject({ status: 200 });
  };
  const pendingTicks = async () =>
    (
      await o.service.db.query(
        `SELECT due_at FROM scheduled WHERE owner = 'pipeline-schedule' AND status = 'scheduled' ORDER BY due_at`,
      )
    ).map((r: { due_at: Date }) => new Date(r.due_at).toISOString());
  const scheduledStarts = async () =>
    (
      await o.service.db.query(
        `SELECT stream_id FROM events WHERE event_type = 'StartRun' AND data->'trigger'->>'kind' = 'schedule'`,
      )
    ).length;

  beforeAll(async () => {
    o = await orchestratorOnBus('orch_cron', { clock });
    const v1 = versionCreated(modelId, 1);
    await o.publishEvents(Topics.registryEvents, modelCreated(modelId), v1, aliasSet(modelId, 5, 'champion', 1, null));
    await o.inputsReaching(stableId(`run:*:${v1.id}`), 1);
  });
  afterAll(() => o.close());

  it('arms the first tick after the definition and starts a run for the alias’s version when it is due', async () => {
    clock.advance(30_000);
    await define();
    await eventually(async () => expect(await pendingTicks()).toEqual(['2026-01-01T00:05:00.000Z']));
    clock.advance(4 * MINUTE);
    expect(await scheduledStarts()).toBe(0);
    clock.advance(MINUTE);
    const [start] = await o.inputsReaching(scheduledRun('2026-01-01T00:05:00.000Z'), 1);
    expect(start.data).toMatchObject({
      subject: { name: 'churn', version: 1 },
      trigger: { kind: 'schedule', id: 'churn:1:0:2026-01-01T00:05:00.000Z', by: null },
      pipeline: { model: 'churn', pipelineVersion: 1 },
    });
    await o.eventsReaching(scheduledRun('2026-01-01T00:05:00.000Z'), 'PipelineStepStarted', { stepId: 'revalidate' });
    await eventually(async () => expect(await pendingTicks()).toEqual(['2026-01-01T00:10:00.000Z']));
  });

  it('fires the next tick after a restart, and no tick twice', async () => {
    await o.restart();
    clock.advance(5 * MINUTE);
    await o.inputsReaching(scheduledRun('2026-01-01T00:10:00.000Z'), 1);
    await eventually(async () => expect(await pendingTicks()).toEqual(['2026-01-01T00:15:00.000Z']));
    expect(await scheduledStarts()).toBe(2);
    expect(await o.inputsOf(scheduledRun('2026-01-01T00:05:00.000Z'))).toHaveLength(1);
  });
});
