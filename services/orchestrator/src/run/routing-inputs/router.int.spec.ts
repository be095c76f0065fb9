import { randomUUID } from 'node:crypto';
import { deploymentIdOf, dlqTopic, Envelope, stableId, Topics } from '@ledger/contracts';
import { DLQ_HEADERS } from '@ledger/messaging';
import { modelCreated, registryEvent, versionCreated } from '@ledger/testing';
import { orchestratorOnBus, OrchestratorOnBus } from '../../orchestrator-edges.fixture';
import { stepCommandId } from '../run-messages';
import { routerProjection } from './router.projection';

// The default pipeline (the fallback until pipelines land): VersionCreated and manual triggers,
// 10 runs at once per model, a newer version supersedes.
const runOf = (event: Envelope) => stableId(`run:*:${event.id}`);

describe('the router turns the inbox into run inputs', () => {
  let o: OrchestratorOnBus;
  const modelId = randomUUID();
  const v1 = versionCreated(modelId, 1, { actor: { id: 'alice', kind: 'user' } }, { metrics: { auc: 0.9 } });
  const v2 = versionCreated(modelId, 2);

  beforeAll(async () => {
    o = await orchestratorOnBus('orch_router');
    await o.publishEvents(Topics.registryEvents, modelCreated(modelId), v1);
  });
  afterAll(() => o.close());

  it('starts one run for a VersionCreated, in its chain, with the version as the knowledge knew it', async () => {
    const inputs = await o.inputsReaching(runOf(v1), 1);
    const [start] = inputs;
    expect(start.type).toBe('StartRun');
    expect(start.metadata).toMatchObject({
      correlationId: v1.correlationId,
      causationId: v1.id,
      commandId: `start:${runOf(v1)}`,
    });
    expect(start.data).toMatchObject({
      runId: runOf(v1),
      subject: { name: 'churn', version: 1, modelId, registeredBy: 'alice', metrics: { auc: 0.9 }, stage: 'None' },
      pipeline: { model: '*', pipelineVersion: 0 },
      trigger: { kind: 'VersionCreated', id: v1.id, by: 'alice' },
      queued: false,
      knownVerdicts: [],
    });
  });

  it('starts it once, however often the event is redelivered; a newer version supersedes the older run', async () => {
    await o.publishEvents(Topics.registryEvents, v1, v1, v2);
    const superseded = await o.inputsReaching(runOf(v1), 2);
    expect(superseded.map((i) => i.type)).toEqual(['StartRun', 'SupersedeRun']);
    expect(superseded[1].data).toEqual({ runId: runOf(v1), byRunId: runOf(v2), byVersion: 2 });
    expect(superseded[1].metadata.correlationId).toBe(v1.correlationId);
    expect((await o.inputsOf(runOf(v2))).map((i) => i.type)).toEqual(['StartRun']);
  });

  it('hands a registry change to the run whose command caused it', async () => {
    const commandId = stepCommandId(runOf(v2), 'challenger', 1);
    const aliasSet = registryEvent(
      'AliasSet',
      modelId,
      10,
      { alias: 'challenger', version: 2, previousVersion: null },
      { causationId: commandId, correlationId: v2.correlationId },
    );
    await o.publishEvents(Topics.registryEvents, aliasSet, aliasSet);
    const inputs = await o.inputsReaching(runOf(v2), 2);
    expect(inputs[1]).toMatchObject({
      type: 'RegistryOutcome',
      data: { runId: runOf(v2), commandId, event: 'AliasSet', data: { alias: 'challenger', version: 2 } },
      metadata: { correlationId: v2.correlationId, causationId: aliasSet.id },
    });
  });

  it('keeps every verdict and hands it to the version’s active runs', async () => {
    const validation = randomUUID();
    const base = { runId: validation, modelId, name: 'churn', version: 2 };
    const started = validatorEvent('ValidationStarted', {
      ...base,
      policyVersion: 0,
      checks: [{ id: 'auc', kind: 'metric-threshold', blocking: true }],
      dryRun: false,
      trigger: { kind: 'VersionCreated', id: v2.id },
      baselines: [],
    });
    const summary = {
      total: 1,
      passed: 0,
      failed: 1,
      inconclusive: 0,
      error: 0,
      failedBlocking: ['auc'],
      warnings: [],
    };
    const checked = validatorEvent('ValidationCheckCompleted', {
      ...base,
      index: 0,
      total: 1,
      dryRun: false,
      result: {
        id: 'auc',
        kind: 'metric-threshold',
        blocking: true,
        outcome: 'failed',
        value: 0.5,
        threshold: 0.8,
        baseline: null,
        message: 'auc 0.5 < 0.8',
        details: {},
      },
    });
    const failed = validatorEvent('ValidationFailed', { ...base, policyVersion: 0, summary });
    await o.publishEvents(Topics.validatorEvents, started, checked, failed);
    const inputs = await o.inputsReaching(runOf(v2), 3);
    expect(inputs[2]).toMatchObject({
      type: 'VerdictReceived',
      data: {
        runId: runOf(v2),
        verdict: {
          validationRunId: validation,
          passed: false,
          trigger: { kind: 'VersionCreated', id: v2.id },
          failedChecks: ['auc (metric-threshold): failed — auc 0.5 < 0.8'],
        },
      },
    });
  });

  it('hands a rollout’s end to the run whose command asked for it (its deploymentId)', async () => {
    const commandId = stepCommandId(runOf(v2), 'rollout', 1);
    const deploymentId = deploymentIdOf(commandId);
    const target = { deploymentId, name: 'churn', environment: 'production' };
    await o.publishEvents(
      Topics.deployerEvents,
      deployerEvent('DeploymentRequested', {
        ...target,
        version: 2,
        strategy: { kind: 'replace' },
        replicas: 1,
        trigger: { kind: 'manual', causedBy: commandId },
        reason: null,
        supersedes: null,
      }),
      deployerEvent('DeploymentRolledBack', {
        ...target,
        fromVersion: 2,
        toVersion: 1,
        automatic: true,
        reason: 'p99 too high',
      }),
    );
    const inputs = await o.inputsReaching(runOf(v2), 4);
    expect(inputs[3]).toMatchObject({
      type: 'DeploymentOutcome',
      data: { runId: runOf(v2), commandId, deploymentId, outcome: 'rolled-back', reason: 'p99 too high' },
    });
  });

  it('hands a dead-lettered command of a run back to it as refused; others’ dead letters pass by', async () => {
    const commandId = stepCommandId(runOf(v2), 'staging', 1);
    const command = (id: string) => ({
      commandId: id,
      type: 'TransitionModelVersionStage',
      schemaVersion: 1,
      actor: { id: 'orchestrator', kind: 'service' },
      correlationId: v2.correlationId,
      data: { name: 'churn', version: 2, stage: 'Staging', archiveExistingVersions: false },
    });
    const headers = {
      type: 'TransitionModelVersionStage',
      [DLQ_HEADERS.error]: 'FORBIDDEN: stage Staging is protected',
      [DLQ_HEADERS.topic]: Topics.registryCommands,
    };
    await o.publishRaw(dlqTopic(Topics.registryCommands), command('someone-else-1'), headers);
    await o.publishRaw(dlqTopic(Topics.registryCommands), command(commandId), headers);
    await o.publishRaw(dlqTopic(Topics.registryCommands), command(commandId), headers);
    const inputs = await o.inputsReaching(runOf(v2), 5);
    expect(inputs[4]).toMatchObject({
      type: 'CommandRefused',
      data: {
        runId: runOf(v2),
        commandId,
        commandType: 'TransitionModelVersionStage',
        error: 'FORBIDDEN: stage Staging is protected',
      },
    });
  });

  it('decides nothing again when the router is rebuilt from the log', async () => {
    const db = () => o.service.db;
    const inputs = async () =>
      (await db().query(`SELECT count(*)::int AS n FROM events WHERE metadata->>'workflow' = 'input'`))[0].n;
    const slots = async () => db().query(`SELECT run_id, status FROM router_runs ORDER BY run_id`);
    const before = { inputs: await inputs(), slots: await slots() };
    await o.service.runner!.rebuild(routerProjection);
    expect(await slots()).toEqual(before.slots);
    expect(await inputs()).toBe(before.inputs);
  });

  const validatorEvent = (type: string, data: Record<string, unknown>): Envelope => ({
    ...registryEvent(type, modelId, 1, data),
    source: 'validator',
    streamId: `validation-run-${String(data.runId)}`,
    data,
  });
  const deployerEvent = (type: string, data: Record<string, unknown>): Envelope => ({
    ...registryEvent(type, modelId, 1, data),
    source: 'deployer',
    streamId: `deployment-${String(data.deploymentId)}`,
    data,
  });
});
