import { randomUUID } from 'node:crypto';
import { deploymentIdOf, dlqTopic, Envelope, stableId, Topics } from '@ledger/contracts';
import { systemClock } from '@ledger/eventstore';
import { DLQ_HEADERS } from '@ledger/messaging';
import { eventually, modelCreated, registryEvent, versionCreated } from '@ledger/testing';
import { orchestratorOnBus, OrchestratorOnBus } from '../../orchestrator-edges.fixture';
import { runStreamId, stepCommandId } from '../run-messages';
import { routerProjection } from './router.projection';

// A pipeline whose steps meet every kind of outcome the router hands a run: a verdict (the
// validate step asks the validator again), a registry change, a rollout's end, a refused command.
// Runs on VersionCreated and by hand, 10 at once per model, a newer version supersedes.
const PIPELINE = {
  steps: [
    { id: 'validate', type: 'validate', revalidate: true },
    { id: 'challenger', type: 'set-alias', alias: 'challenger' },
    { id: 'rollout', type: 'deploy', environment: 'production', strategy: { kind: 'replace' }, onFailure: 'skip' },
    { id: 'staging', type: 'transition', stage: 'Staging' },
  ],
};
const runOf = (event: Envelope) => stableId(`run:*:${event.id}`);

describe('the router turns the inbox into run inputs', () => {
  let o: OrchestratorOnBus;
  const modelId = randomUUID();
  const v1 = versionCreated(modelId, 1, { actor: { id: 'alice', kind: 'user' } }, { metrics: { auc: 0.9 } });
  const v2 = versionCreated(modelId, 2);
  const sent = (commandId: string) =>
    eventually(() => {
      const found = o.seen.map((m) => JSON.parse(String(m.value))).filter((c) => c.commandId === commandId);
      expect(found).toHaveLength(1);
      return found[0];
    });

  let routingSince: number;

  beforeAll(async () => {
    routingSince = Date.now();
    o = await orchestratorOnBus('orch_router', { pipeline: PIPELINE });
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
      pipeline: { model: '*', pipelineVersion: 1 },
      trigger: { kind: 'VersionCreated', id: v1.id, by: 'alice' },
      queued: false,
      knownVerdicts: [],
    });
    const validate = stepCommandId(runOf(v1), 'validate', 1);
    await o.eventsReaching(runOf(v1), 'PipelineStepStarted', { stepId: 'validate', commandId: validate });
    expect(await sent(validate)).toMatchObject({ type: 'ValidateModelVersion', data: { name: 'churn', version: 1 } });
  });

  it('decides at the time it takes the event, not at the event’s own: after a backlog a timeout counts from now', async () => {
    // The fixture's registry events happened on 2026-11-22; the run starts when the router reads it.
    const [started] = await o.service.db.query(
      `SELECT metadata->>'occurredAt' AS at FROM events WHERE stream_id = $1 AND event_type = 'PipelineRunStarted'`,
      [runStreamId(runOf(v1))],
    );
    expect(Date.parse(started.at)).toBeGreaterThanOrEqual(routingSince);
    expect(Date.parse(v1.occurredAt)).toBeLessThan(routingSince);
  });

  it('starts it once, however often the event is redelivered; a newer version supersedes the older run', async () => {
    await o.publishEvents(Topics.registryEvents, v1, v1, v2);
    const superseded = await o.inputsReaching(runOf(v1), 2);
    expect(superseded.map((i) => i.type)).toEqual(['StartRun', 'SupersedeRun']);
    expect(superseded[1].data).toEqual({ runId: runOf(v1), byRunId: runOf(v2), byVersion: 2 });
    expect(superseded[1].metadata.correlationId).toBe(v1.correlationId);
    expect((await o.inputsOf(runOf(v2))).map((i) => i.type)).toEqual(['StartRun']);
    const events = await o.eventsReaching(runOf(v1), 'PipelineRunCancelled', { supersededBy: runOf(v2) });
    expect(events.filter((e) => e.type === 'PipelineRunStarted')).toHaveLength(1);
    await eventually(async () =>
      expect([await o.slotOf(runOf(v1)), await o.slotOf(runOf(v2))]).toEqual(['ended', 'running']),
    );
  });

  it('keeps every verdict and hands it to the version’s active runs: a failing one fails the waiting step', async () => {
    const validate = stepCommandId(runOf(v2), 'validate', 1);
    await sent(validate);
    const validation = randomUUID();
    await o.publishEvents(Topics.validatorEvents, ...verdictEvents(validation, validate, 'auc 0.5 < 0.8'));
    const inputs = await o.inputsReaching(runOf(v2), 2);
    expect(inputs[1]).toMatchObject({
      type: 'VerdictReceived',
      data: {
        runId: runOf(v2),
        verdict: {
          validationRunId: validation,
          passed: false,
          trigger: { kind: 'ValidateModelVersion', id: validate },
          failedChecks: ['auc (metric-threshold): failed — auc 0.5 < 0.8'],
        },
      },
    });
    const events = await o.eventsReaching(runOf(v2), 'PipelineRunFailed', { stepId: 'validate' });
    expect(events.find((e) => e.type === 'PipelineStepFailed')?.data.reason).toContain('auc 0.5 < 0.8');
    await eventually(async () => expect(await o.slotOf(runOf(v2))).toBe('failed'));
  });

  it('a failed run a person retries runs again: it takes its slot again and the new verdict reaches its step', async () => {
    const retried = await o.api('POST', `/api/v1/runs/${runOf(v2)}/steps/validate/retry`);
    expect(retried).toMatchObject({ status: 202, body: { ignored: null } });
    const validate = stepCommandId(runOf(v2), 'validate', 2);
    await o.eventsReaching(runOf(v2), 'PipelineStepStarted', { stepId: 'validate', attempt: 2, commandId: validate });
    await eventually(async () => expect(await o.slotOf(runOf(v2))).toBe('running'));
    await sent(validate);
    const validation = randomUUID();
    await o.publishEvents(Topics.validatorEvents, ...verdictEvents(validation, validate));
    const inputs = await o.inputsReaching(runOf(v2), 4);
    expect(inputs[3]).toMatchObject({
      type: 'VerdictReceived',
      data: { verdict: { validationRunId: validation, passed: true, trigger: { id: validate } } },
    });
    await o.eventsReaching(runOf(v2), 'PipelineStepSucceeded', { stepId: 'validate', attempt: 2 });
    const challenger = stepCommandId(runOf(v2), 'challenger', 1);
    expect(await sent(challenger)).toMatchObject({ type: 'SetModelAlias', data: { alias: 'challenger', version: 2 } });
  });

  it('hands a registry change to the run whose command caused it, once: the step succeeds', async () => {
    const commandId = stepCommandId(runOf(v2), 'challenger', 1);
    const aliasSet = registryEvent(
      'AliasSet',
      modelId,
      10,
      { alias: 'challenger', version: 2, previousVersion: null },
      { causationId: commandId, correlationId: v2.correlationId },
    );
    await o.publishEvents(Topics.registryEvents, aliasSet, aliasSet);
    const inputs = await o.inputsReaching(runOf(v2), 5);
    expect(inputs[4]).toMatchObject({
      type: 'RegistryOutcome',
      data: { runId: runOf(v2), commandId, event: 'AliasSet', data: { alias: 'challenger', version: 2 } },
      metadata: { correlationId: v2.correlationId, causationId: aliasSet.id },
    });
    await o.eventsReaching(runOf(v2), 'PipelineStepSucceeded', { stepId: 'challenger' });
    const rollout = stepCommandId(runOf(v2), 'rollout', 1);
    expect(await sent(rollout)).toMatchObject({ type: 'DeployModelVersion', data: { environment: 'production' } });
  });

  it('hands a rollout’s end to the run whose command asked for it (its deploymentId): the attempt fails', async () => {
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
    const inputs = await o.inputsReaching(runOf(v2), 6);
    expect(inputs[5]).toMatchObject({
      type: 'DeploymentOutcome',
      data: { runId: runOf(v2), commandId, deploymentId, outcome: 'rolled-back', reason: 'p99 too high' },
    });
    const events = await o.eventsReaching(runOf(v2), 'PipelineStepSkipped', { stepId: 'rollout', cause: 'failure' });
    expect(events.find((e) => e.type === 'PipelineStepFailed' && e.data.stepId === 'rollout')?.data.reason).toContain(
      'p99 too high',
    );
    await sent(stepCommandId(runOf(v2), 'staging', 1));
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
    const inputs = await o.inputsReaching(runOf(v2), 7);
    expect(inputs[6]).toMatchObject({
      type: 'CommandRefused',
      data: {
        runId: runOf(v2),
        commandId,
        commandType: 'TransitionModelVersionStage',
        error: 'FORBIDDEN: stage Staging is protected',
      },
    });
    const events = await o.eventsReaching(runOf(v2), 'PipelineRunFailed', { stepId: 'staging' });
    expect(events.at(-1)?.data.reason).toContain('FORBIDDEN: stage Staging is protected');
    await eventually(async () => expect(await o.slotOf(runOf(v2))).toBe('failed'));
  });

  it('decides nothing again when the router is rebuilt from the log', async () => {
    const db = () => o.service.db;
    const inputs = async () =>
      (await db().query(`SELECT count(*)::int AS n FROM events WHERE metadata->>'workflow' = 'input'`))[0].n;
    const slots = async () => db().query(`SELECT run_id, status FROM router_runs ORDER BY run_id`);
    const before = { inputs: await inputs(), slots: await slots() };
    await o.service.runner!.rebuild(routerProjection(systemClock));
    expect(await slots()).toEqual(before.slots);
    expect(await inputs()).toBe(before.inputs);
  });

  /** A validation of version 2 the run's command asked for: passed, or failed by the AUC check. */
  const verdictEvents = (validation: string, commandId: string, failure?: string): Envelope[] => {
    const base = { runId: validation, modelId, name: 'churn', version: 2 };
    const blocking = { id: 'auc', kind: 'metric-threshold', blocking: true };
    const summary = {
      total: 1,
      passed: failure ? 0 : 1,
      failed: failure ? 1 : 0,
      inconclusive: 0,
      error: 0,
      failedBlocking: failure ? ['auc'] : [],
      warnings: [],
    };
    const result = {
      ...blocking,
      outcome: failure ? 'failed' : 'passed',
      value: failure ? 0.5 : 0.9,
      threshold: 0.8,
      baseline: null,
      message: failure ?? 'auc 0.9 >= 0.8',
      details: {},
    };
    return [
      validatorEvent('ValidationStarted', {
        ...base,
        policyVersion: 0,
        checks: [blocking],
        dryRun: false,
        trigger: { kind: 'ValidateModelVersion', id: commandId },
        baselines: [],
      }),
      validatorEvent('ValidationCheckCompleted', { ...base, index: 0, total: 1, dryRun: false, result }),
      validatorEvent(failure ? 'ValidationFailed' : 'ValidationPassed', { ...base, policyVersion: 0, summary }),
    ];
  };
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
