import { randomUUID } from 'node:crypto';
import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Command, Topics } from '@ledger/contracts';
import { announceAppend, storeSends } from '@ledger/eventstore';
import { eventually, modelCreated, versionCreated } from '@ledger/testing';
import { orchestratorOnBus, OrchestratorOnBus } from '../../orchestrator-edges.fixture';
import { runStreamId, RunSend, stepCommandId } from '../run-messages';

// The outbox on its own: sends are put in the outbox of runs of our own as a run's decision would
// (the last spec has a real run's notify step go through it).
describe('delivering what runs send', () => {
  let o: OrchestratorOnBus;
  let hook: Server;
  const calls: { headers: IncomingHttpHeaders; body: string }[] = [];
  let answer = 200;

  beforeAll(async () => {
    o = await orchestratorOnBus('orch_delivery', { config: { commandActor: 'orchestrator-sa' } });
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        calls.push({ headers: req.headers, body });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await o.close();
    await new Promise((resolve) => hook.close(resolve));
  });

  const send = async (runId: string, sent: RunSend) => {
    const command: Command = {
      ...sent,
      metadata: {
        now: new Date().toISOString(),
        newId: `record-${sent.data.commandId}`,
        actor: { id: 'pipeline-run', kind: 'service' },
        correlationId: `chain-${runId}`,
        causationId: null,
        commandId: `record-${sent.data.commandId}`,
      },
    };
    const db = o.service.db;
    await db.transaction((tx) => storeSends(tx, 'pipeline-run', runStreamId(runId), [command]));
    announceAppend(db);
  };

  it("puts each command on its service's topic as an envelope with the send's commandId, in the run's chain", async () => {
    const staging = stepCommandId('run-a', 'staging', 1);
    const validate = stepCommandId('run-a', 'validate', 1);
    const deploy = stepCommandId('run-a', 'rollout', 2);
    await send('run-a', {
      type: 'TransitionModelVersionStage',
      data: { commandId: staging, name: 'churn', version: 3, stage: 'Staging', archiveExistingVersions: false },
    });
    await send('run-a', { type: 'ValidateModelVersion', data: { commandId: validate, name: 'churn', version: 3 } });
    await send('run-a', {
      type: 'DeployModelVersion',
      data: { commandId: deploy, name: 'churn', version: 3, environment: 'production' } as never,
    });
    const on = (topic: string) => o.seen.filter((m) => m.topic === topic);
    await eventually(() => expect(on(Topics.deployerCommands)).toHaveLength(1));
    const [transition] = on(Topics.registryCommands);
    expect(transition.key).toBe('churn');
    expect(transition.headers.type).toBe('TransitionModelVersionStage');
    expect(JSON.parse(transition.value)).toEqual({
      commandId: staging,
      type: 'TransitionModelVersionStage',
      schemaVersion: 1,
      actor: { id: 'orchestrator-sa', kind: 'service' },
      correlationId: 'chain-run-a',
      data: { name: 'churn', version: 3, stage: 'Staging', archiveExistingVersions: false },
    });
    expect(JSON.parse(on(Topics.validatorCommands)[0].value)).toMatchObject({
      commandId: validate,
      data: { version: 3 },
    });
    expect(JSON.parse(on(Topics.deployerCommands)[0].value)).toMatchObject({
      commandId: deploy,
      data: { environment: 'production' },
    });
  });

  it('calls a webhook with a signed body and hands the answer back to the run', async () => {
    process.env.ORCH_TEST_HOOK_SECRET = 's3cret';
    const commandId = stepCommandId('run-b', 'tell', 1);
    const body = { text: 'churn v3 is in Staging', version: 3 };
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    await send('run-b', {
      type: 'NotifyWebhook',
      data: { commandId, runId: 'run-b', stepId: 'tell', url, secretEnv: 'ORCH_TEST_HOOK_SECRET', body },
    });
    const [outcome] = await o.inputsReaching('run-b', 1);
    expect(outcome).toMatchObject({
      type: 'NotifyOutcome',
      data: { runId: 'run-b', commandId, ok: true, status: 200, error: null },
      metadata: { correlationId: 'chain-run-b', causationId: commandId },
    });
    const [call] = calls;
    expect(JSON.parse(call.body)).toEqual(body);
    expect(call.headers['x-ledger-delivery']).toBe(commandId);
    const expected = createHmac('sha256', 's3cret').update(call.body).digest('hex');
    expect(call.headers['x-ledger-signature']).toBe(`sha256=${expected}`);
  });

  it('hands a failing answer back as not ok, unsigned when the secret is not set', async () => {
    answer = 503;
    const commandId = stepCommandId('run-c', 'tell', 1);
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    await send('run-c', {
      type: 'NotifyWebhook',
      data: { commandId, runId: 'run-c', stepId: 'tell', url, secretEnv: 'ORCH_TEST_UNSET_SECRET', body: {} },
    });
    const [outcome] = await o.inputsReaching('run-c', 1);
    expect(outcome.data).toMatchObject({ ok: false, status: 503, error: 'answered 503' });
    expect(calls.at(-1)?.headers['x-ledger-signature']).toBeUndefined();
  });

  it("a run's notify step goes through the outbox: the webhook's answer ends the step and the run", async () => {
    answer = 200;
    const modelId = randomUUID();
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const pipeline = { triggers: [{ on: 'manual' }], steps: [{ id: 'tell', type: 'notify', url, message: 'hello' }] };
    expect(await o.api('PUT', '/api/v1/pipelines/fraud', pipeline)).toMatchObject({ status: 200 });
    const created = modelCreated(modelId, 'fraud');
    await o.publishEvents(Topics.registryEvents, created, versionCreated(modelId, 1, {}, { name: 'fraud' }));
    const started = await eventually(async () => {
      const response = await o.api('POST', '/api/v1/pipelines/fraud/runs', { version: 1 });
      expect(response.status).toBe(202);
      return response.body.runId as string;
    });
    await o.eventsReaching(started, 'PipelineRunSucceeded');
    const [outcome] = (await o.inputsOf(started)).filter((i) => i.type === 'NotifyOutcome');
    expect(outcome.data).toMatchObject({ commandId: stepCommandId(started, 'tell', 1), ok: true, status: 200 });
    expect(JSON.parse(calls.at(-1)!.body)).toMatchObject({
      runId: started,
      model: 'fraud',
      stepId: 'tell',
      message: 'hello',
    });
  });
});
