import { PipelineDefinitionInput, PipelineDefinitionSchema, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { DefinePipelineCommand, PipelineEvent } from '../pipeline';
import { pipelineDecider } from '../pipeline.decider';

const definition = (input: Partial<PipelineDefinitionInput> = {}) =>
  PipelineDefinitionSchema.parse({ steps: [{ id: 'validate', type: 'validate' }], ...input });
const define = (input: Partial<PipelineDefinitionInput> = {}, model = 'churn'): DefinePipelineCommand => ({
  type: 'DefinePipeline',
  data: { model, definition: definition(input) },
  metadata: {
    now: '2026-12-04T12:00:00.000Z',
    newId: 'id-1',
    actor: { id: 'ops', kind: 'user' },
    correlationId: 'c',
    causationId: null,
  },
});
const defined = (pipelineVersion: number, input: Partial<PipelineDefinitionInput> = {}): PipelineEvent => ({
  type: 'PipelineDefined',
  data: { model: 'churn', pipelineVersion, definition: definition(input) },
});
const approval = (required: number, approvers: object) => ({
  steps: [{ id: 'gate', type: 'approval' as const, required, approvers }],
});

describe('defining a pipeline', () => {
  it('given none, when a pipeline is defined, then it is pipeline version 1', () => {
    given(pipelineDecider)
      .when(define())
      .then([defined(1)]);
  });

  it('given version 2, when another definition is given, then it is version 3', () => {
    given(pipelineDecider, [defined(1), defined(2, { maxConcurrentRuns: 3 })])
      .when(define({ maxConcurrentRuns: 5 }))
      .then([defined(3, { maxConcurrentRuns: 5 })]);
  });

  it('given a definition in force, when the same one is given again, then nothing is recorded', () => {
    given(pipelineDecider, [defined(1, { supersede: false })])
      .when(define({ supersede: false }))
      .thenNothing();
  });

  it('the default pipeline `*` is versioned like any model’s', () => {
    given(pipelineDecider)
      .when(define({}, '*'))
      .then([{ type: 'PipelineDefined', data: { model: '*', pipelineVersion: 1, definition: definition() } }]);
  });

  it('refuses a placeholder that names no declared parameter, naming the field', () => {
    const steps = [{ id: 'tell', type: 'notify' as const, url: 'https://hooks.example/x', message: 'to ${team}' }];
    given(pipelineDecider)
      .when(define({ steps, parameters: { env: 'prod' } }))
      .thenThrows(
        ValidationError,
        /^steps\[0\]\.message: names no declared parameter: "\$\{team\}" \(parameters: env\)$/,
      );
    given(pipelineDecider)
      .when(define({ steps, parameters: { team: 'ml' } }))
      .then([defined(1, { steps, parameters: { team: 'ml' } })]);
  });

  it('refuses an N-of-M gate that needs more approvals than the users it names', () => {
    given(pipelineDecider)
      .when(define(approval(3, { users: ['ana', 'bo'] })))
      .thenThrows(ValidationError, /^steps\[0\]\.required: needs 3 approvals but only 2 users are named/);
    given(pipelineDecider)
      .when(define(approval(2, { users: ['ana', 'bo'] })))
      .then([defined(1, approval(2, { users: ['ana', 'bo'] }))]);
    // Roles may hold any number of people: the count is not checkable then.
    const byRole = approval(3, { users: ['ana'], roles: ['approver'] });
    given(pipelineDecider)
      .when(define(byRole))
      .then([defined(1, byRole)]);
  });

  it.each([
    ['61 * * * *', undefined, /^triggers\[0\]\.cron: is not a cron expression: .*minute/],
    ['10 13 * *', undefined, /^triggers\[0\]\.cron: must have five fields .*got 4/],
    ['0 0 3 * * 1 2026', undefined, /^triggers\[0\]\.cron: must have five fields .*got 7/],
    ['0 3 * * 1', 'Mars/Olympus', /^triggers\[0\]\.timezone: is not an IANA time zone: "Mars\/Olympus"$/],
  ])('refuses the schedule %s (time zone %s)', (cron, timezone, message) => {
    const triggers = [{ on: 'schedule' as const, cron, timezone, target: { alias: 'champion' } }];
    given(pipelineDecider).when(define({ triggers })).thenThrows(ValidationError, message);
  });

  it('takes a schedule that parses in a real time zone', () => {
    const triggers = [
      {
        on: 'schedule' as const,
        cron: '0 3 * * 1',
        timezone: 'Europe/Berlin',
        target: { stage: 'Production' as const },
      },
    ];
    given(pipelineDecider)
      .when(define({ triggers }))
      .then([defined(1, { triggers })]);
  });

  it('names every issue at once', () => {
    const input = {
      ...approval(2, { users: ['${who}'] }),
      triggers: [{ on: 'schedule' as const, cron: 'every day at 3 am', target: { alias: 'champion' } }],
    };
    expect(() => pipelineDecider.decide(define(input), pipelineDecider.initialState())).toThrow(
      expect.objectContaining({
        details: {
          issues: [
            expect.objectContaining({ path: 'steps[0].approvers.users[0]' }),
            expect.objectContaining({ path: 'steps[0].required' }),
            expect.objectContaining({ path: 'triggers[0].cron' }),
          ],
        },
      }),
    );
  });
});
