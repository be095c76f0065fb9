// The steering edges against the running orchestrator, around a run workflow of our own that
// records what it is handed: the edges' contract (input building, actor, errors) holds whatever
// the real run decides.
import { dlqTopic, ForbiddenError, ignore, NotFoundError, Topics, Workflow } from '@ledger/contracts';
import { WorkflowRunner } from '@ledger/eventstore';
import { eventually, serviceOnBus, ServiceOnBus } from '@ledger/testing';
import { RunRunner, SOURCE } from '../../orchestrator.context';
import { orchestratorService, OrchestratorContext } from '../../orchestrator.service';
import { RunEvent, RunInput, RunSend, runStreamId } from '../run-messages';

const recordingRun: Workflow<RunInput, RunSend, RunEvent, null> = {
  name: 'pipeline-run',
  streamOf: (input) => runStreamId(input.data.runId),
  initialState: () => null,
  decide: (input) => {
    if (input.data.runId === 'missing') throw new NotFoundError('no pipeline run "missing"');
    if ('stepId' in input.data && input.data.stepId === 'locked')
      throw new ForbiddenError('ana may not approve step "locked": that needs the role "approver"');
    return [ignore(`recorded ${input.type}`)];
  },
  evolve: (state) => state,
};

const steeredService: typeof orchestratorService = {
  ...orchestratorService,
  context: async (host, config) => ({
    ...(await orchestratorService.context(host, config)),
    runs: new WorkflowRunner(host.db, recordingRun, {
      source: SOURCE,
      newEventId: host.metadata.newId,
    }) as unknown as RunRunner,
  }),
};

describe('steering a run over HTTP and the bus', () => {
  let h: ServiceOnBus<OrchestratorContext>;
  const inputsOf = async (runId: string) =>
    h.t.service.db.query(
      `SELECT event_type AS type, data, metadata->'input'->>'commandId' AS "commandId" FROM events
       WHERE stream_id = $1 AND metadata->>'workflow' = 'input' ORDER BY stream_position`,
      [runStreamId(runId)],
    );

  beforeAll(async () => {
    h = await serviceOnBus(steeredService, {
      label: 'orch_steer',
      actorId: 'ci',
      commandTopic: Topics.orchestratorCommands,
      observe: [dlqTopic(Topics.orchestratorCommands)],
    });
  });
  afterAll(() => h.close());

  const unauthenticated = (id: string, kind = 'user') => ({ id, kind, roles: [], authenticated: false });

  it.each([
    ['steps/approve/approve', { comment: 'lgtm' }, 'ApproveStep', { stepId: 'approve', comment: 'lgtm' }],
    ['steps/approve/reject', {}, 'RejectStep', { stepId: 'approve', comment: null }],
    ['steps/validate/retry', undefined, 'RetryStep', { stepId: 'validate' }],
    ['steps/rollout/skip', { reason: 'done by hand' }, 'SkipStep', { stepId: 'rollout', reason: 'done by hand' }],
    ['cancel', { reason: 'hotfix' }, 'CancelRun', { reason: 'hotfix' }],
  ])('POST …/%s hands the run its input as the actor, and answers 202', async (route, body, type, data) => {
    const runId = `run-${type}`;
    const { status, body: answer } = await h.t.api('POST', `/api/v1/runs/${runId}/${route}`, body, {
      'x-actor': 'ana',
    });
    expect([status, answer]).toEqual([202, { runId, duplicate: false, ignored: `recorded ${type}` }]);
    expect(await inputsOf(runId)).toEqual([
      { type, data: { runId, ...data, actor: unauthenticated('ana') }, commandId: expect.stringMatching(/^http:/) },
    ]);
  });

  it('the run history shows what it ignored, even before the run is known to the read model', async () => {
    await h.t.api('POST', '/api/v1/runs/run-h/steps/approve/approve', { comment: 'late' });
    const { run, ignored } = (await h.t.api('GET', '/api/v1/runs/run-h')).body;
    expect(run).toBeNull();
    expect(ignored).toEqual([expect.objectContaining({ type: 'ApproveStep', reason: 'recorded ApproveStep' })]);
  });

  it.each([
    ['/api/v1/runs/run-1/steps/Bad_Step/approve', {}, /^stepId: must be a lower-case slug/],
    ['/api/v1/runs/run-1/steps/approve/approve', { comment: 5 }, /^comment: must be a string, got number/],
    ['/api/v1/runs/run-1/steps/approve/approve', { colour: 'red' }, /^colour: is not a known field/],
    ['/api/v1/runs/run-1/steps/validate/retry', { reason: 'x' }, /^reason: is not a known field/],
    ['/api/v1/runs/run-1/cancel', { reason: 'x'.repeat(2001) }, /^reason: /],
  ])('POST %s (case %#) is 400 naming the field, and the run is handed nothing', async (path, body, message) => {
    const { status, body: answer } = await h.t.api('POST', path, body);
    expect([status, answer]).toEqual([
      400,
      expect.objectContaining({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) }),
    ]);
    expect(await inputsOf('run-1')).toEqual([]);
  });

  it("the run's refusals keep their meaning: unknown run 404, an actor who may not decide 403", async () => {
    expect((await h.t.api('POST', '/api/v1/runs/missing/cancel', {})).body).toEqual({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'no pipeline run "missing"',
    });
    const denied = await h.t.api('POST', '/api/v1/runs/run-2/steps/locked/approve', {}, { 'x-actor': 'ana' });
    expect([denied.status, denied.body.error_code]).toEqual([403, 'PERMISSION_DENIED']);
  });

  it('ApprovePipelineStep from the bus reaches the run once, however often it is delivered, as its actor', async () => {
    const command = h.command(
      'ApprovePipelineStep',
      { runId: 'run-bus', stepId: 'approve', comment: 'ok' },
      'approve-1',
    );
    await h.send(command, command);
    await eventually(async () => expect(await inputsOf('run-bus')).toHaveLength(1));
    expect(await inputsOf('run-bus')).toEqual([
      {
        type: 'ApproveStep',
        data: { runId: 'run-bus', stepId: 'approve', comment: 'ok', actor: unauthenticated('ci', 'service') },
        commandId: 'approve-1',
      },
    ]);
  });
});
