import { dlqTopic, Topics } from '@ledger/contracts';
import { eventually, serviceOnBus, ServiceOnBus } from '@ledger/testing';
import { orchestratorService, OrchestratorContext } from '../orchestrator.service';
import { pipelineFor } from './index';
import { pipelineStreamId } from './pipeline';

const threshold = {
  parameters: { alias: 'challenger' },
  steps: [
    { id: 'validate', type: 'validate', timeout: '1h' },
    { id: 'staging', type: 'transition', stage: 'Staging', when: { metric: 'accuracy', op: '>=', value: 0.85 } },
    { id: 'alias', type: 'set-alias', alias: '${alias}' },
  ],
};

describe('pipeline definitions', () => {
  let h: ServiceOnBus<OrchestratorContext>;
  const get = async (path: string) => (await h.t.api('GET', path)).body;

  beforeAll(async () => {
    h = await serviceOnBus(orchestratorService, {
      label: 'orch_pipelines',
      actorId: 'ci',
      commandTopic: Topics.orchestratorCommands,
      observe: [dlqTopic(Topics.orchestratorCommands)],
    });
  });
  afterAll(() => h.close());

  it('before anyone defines anything, every model follows the built-in default, version 0', async () => {
    const { status, body } = await h.t.api('GET', '/api/v1/pipelines/churn');
    expect(status).toBe(200);
    expect(body).toMatchObject({ model: '*', pipelineVersion: 0, source: 'built-in', definedAt: null });
    expect(body.definition.steps.map((s: { id: string }) => s.id)).toEqual([
      'validate',
      'staging',
      'challenger',
      'approve',
      'production',
      'champion',
      'rollout',
    ]);
    expect((await get('/api/v1/pipelines')).pipelines).toEqual([expect.objectContaining({ source: 'built-in' })]);
    expect(await pipelineFor(h.t.service.db, 'churn')).toMatchObject({
      model: '*',
      pipelineVersion: 0,
      source: 'built-in',
    });
  });

  it("a model's pipeline is version 1, read back at once; the same again changes nothing; a change is version 2", async () => {
    const put = await h.t.api('PUT', '/api/v1/pipelines/churn', threshold, { 'x-actor': 'ana' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ model: 'churn', pipelineVersion: 1, source: 'model', definedBy: 'ana' });
    expect(put.body.definition).toMatchObject({
      maxConcurrentRuns: 10,
      supersede: true,
      triggers: [{ on: 'VersionCreated' }],
    });

    expect((await h.t.api('PUT', '/api/v1/pipelines/churn', threshold)).body.pipelineVersion).toBe(1);
    const changed = await h.t.api('PUT', '/api/v1/pipelines/churn', { ...threshold, maxConcurrentRuns: 2 });
    expect(changed.body).toMatchObject({ pipelineVersion: 2, definition: { maxConcurrentRuns: 2 } });
    expect(await get('/api/v1/pipelines/churn')).toEqual(changed.body);
    expect(
      (await get('/api/v1/pipelines/churn/history')).pipelines.map(
        (p: { pipelineVersion: number }) => p.pipelineVersion,
      ),
    ).toEqual([1, 2]);
    expect(await pipelineFor(h.t.service.db, 'churn')).toEqual({
      model: 'churn',
      pipelineVersion: 2,
      definition: changed.body.definition,
      source: 'model',
    });
  });

  it('the default `*` replaces the built-in for every model without its own', async () => {
    await h.t.api('PUT', '/api/v1/pipelines/*', { steps: [{ id: 'validate', type: 'validate' }] });
    expect(await get('/api/v1/pipelines/fraud')).toMatchObject({ model: '*', pipelineVersion: 1, source: 'default' });
    expect(await get('/api/v1/pipelines/churn')).toMatchObject({ model: 'churn', source: 'model' });
    expect((await get('/api/v1/pipelines')).pipelines.map((p: { model: string }) => p.model)).toEqual(['*', 'churn']);
    expect((await h.t.api('GET', '/api/v1/pipelines/fraud/history')).body).toMatchObject({
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'no pipeline was ever defined for "fraud" (PUT /api/v1/pipelines/fraud defines one)',
    });
  });

  it('a pipeline may be written in YAML; a document that is not YAML is a 400', async () => {
    const yaml = `triggers:
  - on: schedule
    cron: "0 3 * * *"
    timezone: Europe/Berlin
    target: { alias: champion }
steps:
  - id: validate
    type: validate
    revalidate: true
`;
    const put = await h.t.api('PUT', '/api/v1/pipelines/nightly', yaml, { 'content-type': 'application/yaml' });
    expect(put.status).toBe(200);
    expect(put.body.definition.triggers).toEqual([
      { on: 'schedule', cron: '0 3 * * *', timezone: 'Europe/Berlin', target: { alias: 'champion' } },
    ]);
    const bad = await h.t.api('PUT', '/api/v1/pipelines/nightly', 'steps: [unclosed', {
      'content-type': 'application/yaml',
    });
    expect(bad.body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(/^request body: not a YAML document/),
    });
  });

  it.each([
    [
      { steps: [{ id: 'a', type: 'set-alias', alias: '${who}' }] },
      /^steps\[0\]\.alias: names no declared parameter: "\$\{who\}"/,
    ],
    [
      { steps: [{ id: 'gate', type: 'approval', required: 2, approvers: { users: ['ana'] } }] },
      /^steps\[0\]\.required: needs 2 approvals/,
    ],
    [
      {
        triggers: [{ on: 'schedule', cron: '0 25 * * *', target: { alias: 'champion' } }],
        steps: [{ id: 'v', type: 'validate' }],
      },
      /^triggers\[0\]\.cron: is not a cron expression/,
    ],
    [
      {
        triggers: [{ on: 'schedule', cron: '0 3 * * *', timezone: 'Mars/Olympus', target: { alias: 'champion' } }],
        steps: [{ id: 'v', type: 'validate' }],
      },
      /^triggers\[0\]\.timezone: is not an IANA time zone/,
    ],
    [{ steps: [{ id: 'v', type: 'validate', needs: ['deploy'] }] }, /^steps\[0\]\.needs\[0\]: names no step: "deploy"/],
    [{ steps: [] }, /^steps/],
    [{ steps: [{ id: 'v', type: 'validate' }], colour: 'red' }, /colour: is not a known field/],
  ])('a bad pipeline %j is 400 naming the field, and nothing is recorded', async (definition, message) => {
    const before = await h.t.eventCount();
    const { status, body } = await h.t.api('PUT', '/api/v1/pipelines/lab', definition);
    expect([status, body]).toEqual([
      400,
      expect.objectContaining({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) }),
    ]);
    expect(await h.t.eventCount()).toBe(before);
    expect((await get('/api/v1/pipelines/lab')).source).toBe('default');
  });

  it('a bad scope is 400; metrics is not read as a model', async () => {
    expect((await h.t.api('GET', '/api/v1/pipelines/a%2Fb')).body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringMatching(/^model: /),
    });
    expect(await get('/api/v1/pipelines/metrics')).toHaveProperty('runsByStatus');
  });

  it('a model named "metrics" defines its pipeline as any other, and reads it under the model', async () => {
    expect((await h.t.api('PUT', '/api/v1/pipelines/metrics', threshold)).status).toBe(200);
    expect(await get('/api/v1/models/metrics/pipeline')).toMatchObject({
      model: 'metrics',
      source: 'model',
      pipelineVersion: 1,
    });
    expect(await get('/api/v1/models/never-defined/pipeline')).toMatchObject({
      source: expect.stringMatching(/default|built-in/),
    });
    expect((await h.t.api('GET', '/api/v1/models/a%01b/pipeline')).body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
    });
  });

  it('DefinePipeline from the bus defines it once, however often it is delivered', async () => {
    const command = h.command('DefinePipeline', { model: 'edge', definition: threshold }, 'define-edge-1');
    await h.send(command, command);
    await eventually(async () =>
      expect(await get('/api/v1/pipelines/edge')).toMatchObject({ model: 'edge', pipelineVersion: 1 }),
    );
    const [{ n }] = await h.t.service.db.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [
      pipelineStreamId('edge'),
    ]);
    expect(n).toBe(1);
  });
});
