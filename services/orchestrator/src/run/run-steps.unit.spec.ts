import { given } from '@ledger/testing';
import { runWorkflow } from './run.workflow';
import { any, at, cmd, deployed, ev, notified, pipeline, registryOutcome, start, waitElapsed } from './run.fixtures';

const only = (raw: object) => pipeline([raw]);
const succeeded = (stepId: string, detail: object, attempt = 1) =>
  ev('PipelineStepSucceeded', { stepId, attempt, detail });
const done = (durationMs = 0) => ev('PipelineRunSucceeded', { durationMs });

describe('a transition step', () => {
  const production = only({ id: 'production', type: 'transition', stage: 'Production', archiveExisting: true });

  it('sends the transition, archiving the others, and succeeds on the registry event its command caused', () => {
    given(runWorkflow)
      .when(start(production))
      .thenSends({
        type: 'TransitionModelVersionStage',
        data: {
          commandId: cmd('production'),
          name: 'churn',
          version: 2,
          stage: 'Production',
          archiveExistingVersions: true,
        },
      });
    given(runWorkflow, [start(production)])
      .when(registryOutcome(cmd('production'), 'VersionStageTransitioned'))
      .thenPublishes(succeeded('production', { stage: 'Production', from: 'None', changed: true }), done());
  });

  it('given the version already in that stage, then it succeeds without sending', () => {
    const when = given(runWorkflow).when(start(production, { subject: { stage: 'Production' } }));
    when.thenSends();
    when.thenPublishes(
      any('PipelineRunStarted'),
      ev('PipelineStepStarted', { stepId: 'production', attempt: 1, type: 'transition', commandId: null }),
      succeeded('production', { stage: 'Production', from: 'Production', changed: false }),
      done(),
    );
  });

  it('when the outcome arrives again, then it is ignored as a duplicate', () => {
    const chain = pipeline([
      { id: 'staging', type: 'transition', stage: 'Staging' },
      { id: 'wait', type: 'wait', duration: '1m' },
    ]);
    given(runWorkflow, [start(chain), registryOutcome(cmd('staging'), 'VersionStageTransitioned')])
      .when(registryOutcome(cmd('staging'), 'VersionStageTransitioned', at(1)))
      .thenIgnored(/duplicate/);
  });

  it('when a registry event of another kind carries its command id, then it is ignored', () => {
    given(runWorkflow, [start(production)])
      .when(registryOutcome(cmd('production'), 'AliasSet'))
      .thenIgnored(/waits for VersionStageTransitioned/);
  });
});

describe('a set-alias step', () => {
  const champion = only({ id: 'champion', type: 'set-alias', alias: 'champion' });

  it('moves the alias and succeeds on AliasSet', () => {
    given(runWorkflow)
      .when(start(champion))
      .thenSends({
        type: 'SetModelAlias',
        data: { commandId: cmd('champion'), name: 'churn', version: 2, alias: 'champion' },
      });
    given(runWorkflow, [start(champion)])
      .when(registryOutcome(cmd('champion'), 'AliasSet'))
      .thenPublishes(succeeded('champion', { alias: 'champion', version: 2, previous: 1, changed: true }), done());
  });

  it('given the alias already names the version, then it succeeds without sending', () => {
    given(runWorkflow)
      .when(start(champion, { subject: { aliases: { champion: 2 } } }))
      .thenSends();
  });
});

describe('a deploy step', () => {
  const rollout = only({ id: 'rollout', type: 'deploy', environment: 'production', strategy: { kind: 'replace' } });

  it('asks the deployer for the rollout and succeeds when it succeeded', () => {
    given(runWorkflow)
      .when(start(rollout))
      .thenSends({
        type: 'DeployModelVersion',
        data: {
          commandId: cmd('rollout'),
          name: 'churn',
          version: 2,
          environment: 'production',
          strategy: { kind: 'replace' },
          reason: 'pipeline run run-1, step rollout',
        },
      });
    given(runWorkflow, [start(rollout)])
      .when(deployed(cmd('rollout'), 'succeeded'))
      .thenPublishes(succeeded('rollout', { deploymentId: 'dep-1', changed: true }), done());
  });

  it('fails the attempt with the deployer’s reason when the rollout rolled back', () => {
    const reason = 'deployment dep-1 rolled-back: error rate 20% > 5%';
    given(runWorkflow, [start(rollout)])
      .when(deployed(cmd('rollout'), 'rolled-back'))
      .thenPublishes(
        ev('PipelineStepFailed', { stepId: 'rollout', attempt: 1, reason, timedOut: false, retryAt: null }),
        ev('PipelineRunFailed', { stepId: 'rollout', reason: `step rollout failed: ${reason}`, durationMs: 0 }),
      );
  });
});

describe('a wait step', () => {
  it('waits for its duration on a durable timer', () => {
    const wait = only({ id: 'cool-off', type: 'wait', duration: '10m' });
    given(runWorkflow)
      .when(start(wait))
      .thenSchedules({
        id: 'wait:cool-off:1',
        dueAt: at(600),
        input: { type: 'WaitElapsed', data: { runId: 'run-1', stepId: 'cool-off', attempt: 1 } },
      });
    given(runWorkflow, [start(wait)])
      .when(waitElapsed('cool-off', 1, at(600)))
      .thenPublishes(succeeded('cool-off', { changed: false }), done(600_000));
  });
});

describe('a notify step', () => {
  const tell = only({
    id: 'tell',
    type: 'notify',
    url: 'https://hooks.example.com/ml',
    secretEnv: 'HOOK_KEY',
    message: 'hi',
  });

  it('calls the webhook with the run so far, and succeeds when the call did', () => {
    given(runWorkflow)
      .when(start(tell))
      .thenSends({
        type: 'NotifyWebhook',
        data: {
          commandId: cmd('tell'),
          runId: 'run-1',
          stepId: 'tell',
          url: 'https://hooks.example.com/ml',
          secretEnv: 'HOOK_KEY',
          body: {
            runId: 'run-1',
            model: 'churn',
            version: 2,
            stepId: 'tell',
            message: 'hi',
            status: 'running',
            steps: { tell: 'running' },
          },
        },
      });
    given(runWorkflow, [start(tell)])
      .when(notified(cmd('tell'), true))
      .thenPublishes(succeeded('tell', { status: 200, changed: false }), done());
  });

  it('fails the attempt when the call failed', () => {
    given(runWorkflow, [start(tell)])
      .when(notified(cmd('tell'), false))
      .thenPublishes(
        ev('PipelineStepFailed', {
          stepId: 'tell',
          attempt: 1,
          reason: 'webhook call failed (HTTP 503): Service Unavailable',
          timedOut: false,
          retryAt: null,
        }),
        any('PipelineRunFailed'),
      );
  });
});
