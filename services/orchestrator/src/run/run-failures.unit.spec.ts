import { given } from '@ledger/testing';
import { runWorkflow } from './run.workflow';
import { retryDelayMs } from './backoff.domain';
import {
  any,
  at,
  cmd,
  deployed,
  ev,
  pipeline,
  refused,
  registryOutcome,
  retryDue,
  start,
  step,
  timedOut,
} from './run.fixtures';

const retries = { max: 2, backoff: { initial: '10s', factor: 2, max: '1m', jitter: 0.2 } };
const alias = (raw: object = {}) =>
  pipeline([{ id: 'champion', type: 'set-alias', alias: 'champion', timeout: '5m', retries, ...raw }]);
const retryAt = (attempt: number, now: string) =>
  new Date(
    Date.parse(now) + retryDelayMs(step(alias().steps[0]).retries!, { runId: 'run-1', stepId: 'champion', attempt }),
  ).toISOString();
const refusal = 'SetModelAlias refused: model churn does not exist';
const failed = (attempt: number, reason: string, timedOut: boolean, next: string | null) =>
  ev('PipelineStepFailed', { stepId: 'champion', attempt, reason, timedOut, retryAt: next });

describe('a failing step with retries left', () => {
  it('when its command is refused, then the attempt fails and the next is due after a jittered backoff', () => {
    const when = given(runWorkflow, [start(alias())]).when(refused(cmd('champion'), at(1)));
    when.thenPublishes(failed(1, refusal, false, retryAt(1, at(1))));
    when.thenCancels('timeout:champion:1');
    when.thenSchedules({
      id: 'retry:champion:2',
      dueAt: retryAt(1, at(1)),
      input: { type: 'RetryDue', data: { runId: 'run-1', stepId: 'champion', attempt: 2 } },
    });
  });

  it('when the retry is due, then the next attempt sends its command again under a new id', () => {
    const when = given(runWorkflow, [start(alias()), refused(cmd('champion'), at(1))]).when(
      retryDue('champion', 2, at(10)),
    );
    when.thenPublishes(
      ev('PipelineStepStarted', { stepId: 'champion', attempt: 2, type: 'set-alias', commandId: cmd('champion', 2) }),
    );
    when.thenSends({
      type: 'SetModelAlias',
      data: { commandId: cmd('champion', 2), name: 'churn', version: 2, alias: 'champion' },
    });
    when.thenSchedules(expect.objectContaining({ id: 'timeout:champion:2', dueAt: at(310) }));
  });

  it('when an attempt times out, then it fails as timed out and is retried', () => {
    given(runWorkflow, [start(alias())])
      .when(timedOut('champion', 1, at(300)))
      .thenPublishes(failed(1, 'timed out after 5m', true, retryAt(1, at(300))));
  });

  it('when the older attempt’s outcome or timeout arrives late, then it is ignored as late', () => {
    const second = [start(alias()), refused(cmd('champion'), at(1)), retryDue('champion', 2, at(10))];
    given(runWorkflow, second)
      .when(registryOutcome(cmd('champion', 1), 'AliasSet'))
      .thenIgnored(/late/);
    given(runWorkflow, second)
      .when(timedOut('champion', 1, at(300)))
      .thenIgnored(/late/);
    given(runWorkflow, second)
      .when(retryDue('champion', 2, at(11)))
      .thenIgnored(/superseded/);
  });
});

describe('a step out of retries', () => {
  const exhausted = (raw: object = {}) => [
    start(alias(raw)),
    refused(cmd('champion'), at(1)),
    retryDue('champion', 2, at(10)),
    timedOut('champion', 2, at(310)),
    retryDue('champion', 3, at(330)),
  ];

  it('fails the run when its onFailure is fail, and sets no timer', () => {
    const reason = 'timed out after 5m';
    const when = given(runWorkflow, exhausted()).when(timedOut('champion', 3, at(630)));
    when.thenPublishes(
      failed(3, reason, true, null),
      ev('PipelineRunFailed', { stepId: 'champion', reason: `step champion failed: ${reason}`, durationMs: 630_000 }),
    );
    when.thenSchedules();
  });

  it('skips the step and goes on when its onFailure is skip', () => {
    const then = pipeline([
      { id: 'champion', type: 'set-alias', alias: 'champion', onFailure: 'skip' },
      { id: 'wait', type: 'wait', duration: '1m' },
    ]);
    given(runWorkflow, [start(then)])
      .when(refused(cmd('champion')))
      .thenPublishes(
        failed(1, refusal, false, null),
        ev('PipelineStepSkipped', { stepId: 'champion', cause: 'failure', reason: `failed: ${refusal}` }),
        any('PipelineStepStarted'),
      );
  });

  it('given a run that ended, then every later input is ignored as run ended', () => {
    const ended = [...exhausted(), timedOut('champion', 3, at(630))];
    given(runWorkflow, ended)
      .when(registryOutcome(cmd('champion', 3), 'AliasSet'))
      .thenIgnored(/run ended/);
    given(runWorkflow, ended)
      .when(deployed(cmd('champion', 3), 'succeeded'))
      .thenIgnored(/run ended/);
  });
});

describe('compensation', () => {
  const promotion = pipeline([
    { id: 'staging', type: 'transition', stage: 'Staging' },
    { id: 'challenger', type: 'set-alias', alias: 'challenger' },
    { id: 'champion', type: 'set-alias', alias: 'champion' },
    { id: 'rollout', type: 'deploy', environment: 'production' },
    { id: 'tell', type: 'notify', url: 'https://hooks.example.com/x', onFailure: 'compensate' },
  ]);
  const throughRollout = [
    start(promotion),
    registryOutcome(cmd('staging'), 'VersionStageTransitioned'),
    registryOutcome(cmd('challenger'), 'AliasSet'),
    registryOutcome(cmd('champion'), 'AliasSet'),
    deployed(cmd('rollout'), 'succeeded'),
  ];

  it('undoes the succeeded steps last first, then fails the run saying the deployment stays', () => {
    const when = given(runWorkflow, throughRollout).when(refused(cmd('tell'), at(9)));
    when.thenSends(
      {
        type: 'SetModelAlias',
        data: { commandId: cmd('champion', 'undo'), name: 'churn', version: 1, alias: 'champion', expectedVersion: 2 },
      },
      {
        type: 'DeleteModelAlias',
        data: {
          commandId: cmd('challenger', 'undo'),
          name: 'churn',
          alias: 'challenger',
          ifExists: true,
          expectedVersion: 2,
        },
      },
      {
        type: 'TransitionModelVersionStage',
        data: {
          commandId: cmd('staging', 'undo'),
          name: 'churn',
          version: 2,
          stage: 'None',
          archiveExistingVersions: false,
          expectedStage: 'Staging',
        },
      },
    );
    when.thenPublishes(
      any('PipelineStepFailed'),
      ev('PipelineStepCompensated', {
        stepId: 'champion',
        action: 'alias champion moved back to version 1, unless it was moved from version 2 since',
        commandId: cmd('champion', 'undo'),
      }),
      ev('PipelineStepCompensated', {
        stepId: 'challenger',
        action:
          'alias challenger deleted (it named no version before the run), unless it was moved from version 2 since',
        commandId: cmd('challenger', 'undo'),
      }),
      ev('PipelineStepCompensated', {
        stepId: 'staging',
        action: 'version 2 moved back to None unless it left Staging since (versions the move archived stay archived)',
        commandId: cmd('staging', 'undo'),
      }),
      ev('PipelineRunFailed', {
        stepId: 'tell',
        reason:
          'step tell failed: SetModelAlias refused: model churn does not exist; compensated: champion, challenger, staging; ' +
          'not undone: rollout (a deployment is not rolled back by a compensation: roll it back with the deployer)',
        durationMs: 9_000,
      }),
    );
  });

  it('leaves alone what the run found already done', () => {
    const found = pipeline([
      { id: 'champion', type: 'set-alias', alias: 'champion' },
      { id: 'tell', type: 'notify', url: 'https://hooks.example.com/x', onFailure: 'compensate' },
    ]);
    const when = given(runWorkflow, [start(found, { subject: { aliases: { champion: 2 } } })]).when(
      refused(cmd('tell')),
    );
    when.thenSends();
    when.thenPublishes(any('PipelineStepFailed'), any('PipelineRunFailed'));
  });

  it('records what became of its undo commands, done or refused, and takes them for nothing more', () => {
    given(runWorkflow, [...throughRollout, refused(cmd('tell'))])
      .when(registryOutcome(cmd('champion', 'undo'), 'AliasSet'))
      .thenIgnored(/^compensation of step champion: done \(AliasSet\)$/);
    given(runWorkflow, [...throughRollout, refused(cmd('tell'))])
      .when(refused(cmd('challenger', 'undo')))
      .thenIgnored(/^compensation of step challenger: not done, what the step did stays: .* refused: /);
  });
});
