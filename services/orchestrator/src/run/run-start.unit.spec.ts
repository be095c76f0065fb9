import { given } from '@ledger/testing';
import { runWorkflow } from './run.workflow';
import {
  at,
  cmd,
  any,
  ev,
  pipeline,
  registryOutcome,
  resume,
  start,
  step,
  verdict,
  verdictReceived,
  waitElapsed,
} from './run.fixtures';

const chain = pipeline([
  { id: 'staging', type: 'transition', stage: 'Staging' },
  { id: 'challenger', type: 'set-alias', alias: 'challenger' },
]);
const started = (steps = chain.steps, parameters = {}) =>
  ev('PipelineRunStarted', {
    modelId: 'model-churn',
    pipeline: { model: 'churn', pipelineVersion: 3 },
    trigger: { kind: 'VersionCreated', id: 'evt-created-2', by: null },
    parameters,
    steps,
  });
const stepStarted = (stepId: string, type: string, commandId: string | null, attempt = 1) =>
  ev('PipelineStepStarted', { stepId, attempt, type, commandId });

describe('starting a pipeline run', () => {
  it('given a slot, when the run starts, then it publishes the run and begins the first step only', () => {
    const when = given(runWorkflow).when(start(chain));
    when.thenPublishes(started(), stepStarted('staging', 'transition', cmd('staging')));
    when.thenSends({
      type: 'TransitionModelVersionStage',
      data: { commandId: cmd('staging'), name: 'churn', version: 2, stage: 'Staging', archiveExistingVersions: false },
    });
  });

  it('given the model has its maximum of runs, when the run starts, then it is queued and sends nothing', () => {
    given(runWorkflow)
      .when(start(chain, { queued: true }))
      .then([
        {
          kind: 'publish',
          event: ev('PipelineRunQueued', {
            trigger: { kind: 'VersionCreated', id: 'evt-created-2', by: null },
            running: 10,
          }),
        },
      ]);
  });

  it('given a queued run, when its slot comes free, then it starts as a new run would', () => {
    const when = given(runWorkflow, [start(chain, { queued: true })]).when(resume());
    when.thenPublishes(started(), stepStarted('staging', 'transition', cmd('staging')));
  });

  it('given a running run, when it is resumed or started again, then both are ignored as duplicates', () => {
    given(runWorkflow, [start(chain)])
      .when(resume())
      .thenIgnored(/duplicate/);
    given(runWorkflow, [start(chain)])
      .when(start(chain))
      .thenIgnored(/duplicate/);
  });

  it('when a step succeeds, then the step after it begins; when the last succeeds, the run succeeds with its duration', () => {
    const afterStaging = [start(chain), registryOutcome(cmd('staging'), 'VersionStageTransitioned', at(5))];
    given(runWorkflow, [start(chain)])
      .when(registryOutcome(cmd('staging'), 'VersionStageTransitioned', at(5)))
      .thenPublishes(
        ev('PipelineStepSucceeded', {
          stepId: 'staging',
          attempt: 1,
          detail: { stage: 'Staging', from: 'None', changed: true },
        }),
        stepStarted('challenger', 'set-alias', cmd('challenger')),
      );
    given(runWorkflow, afterStaging)
      .when(registryOutcome(cmd('challenger'), 'AliasSet', at(7)))
      .thenPublishes(
        ev('PipelineStepSucceeded', {
          stepId: 'challenger',
          attempt: 1,
          detail: { alias: 'challenger', version: 2, previous: null, changed: true },
        }),
        ev('PipelineRunSucceeded', { durationMs: 7000 }),
      );
  });
});

describe('parameters', () => {
  const notify = pipeline(
    [{ id: 'tell', type: 'notify', url: 'https://hooks.example.com/${team}', message: 'to ${env}' }],
    { parameters: { team: 'ml', env: 'staging' } },
  );

  it('fills placeholders from the pipeline defaults overridden by the run', () => {
    const filled = step({ id: 'tell', type: 'notify', url: 'https://hooks.example.com/growth', message: 'to staging' });
    given(runWorkflow)
      .when(start(notify, { parameters: { team: 'growth' } }))
      .thenPublishes(started([filled], { team: 'growth', env: 'staging' }), stepStarted('tell', 'notify', cmd('tell')));
  });

  it('fails the run at once, naming the step and the placeholder, when a placeholder names no parameter', () => {
    const unknown = pipeline([{ id: 'champion', type: 'set-alias', alias: '${slot}' }]);
    given(runWorkflow)
      .when(start(unknown))
      .thenPublishes(
        started(unknown.steps),
        ev('PipelineRunFailed', {
          stepId: 'champion',
          reason: 'step champion names unknown parameters: ${slot}',
          durationMs: 0,
        }),
      );
  });
});

describe('the graph of steps', () => {
  const dag = pipeline([
    { id: 'wait', type: 'wait', duration: '1m' },
    { id: 'staging', type: 'transition', stage: 'Staging', needs: ['wait'] },
    { id: 'challenger', type: 'set-alias', alias: 'challenger', needs: ['wait'] },
    { id: 'tell', type: 'notify', url: 'https://hooks.example.com/x', needs: ['staging', 'challenger'] },
  ]);

  it('begins parallel branches together once what they need succeeded', () => {
    given(runWorkflow, [start(dag)])
      .when(waitElapsed('wait', 1, at(60)))
      .thenPublishes(
        ev('PipelineStepSucceeded', { stepId: 'wait', attempt: 1, detail: { changed: false } }),
        stepStarted('staging', 'transition', cmd('staging')),
        stepStarted('challenger', 'set-alias', cmd('challenger')),
      );
  });

  it('begins a join only when every branch it needs succeeded', () => {
    const branches = [start(dag), waitElapsed('wait', 1, at(60))];
    given(runWorkflow, [...branches, registryOutcome(cmd('staging'), 'VersionStageTransitioned')])
      .when(registryOutcome(cmd('challenger'), 'AliasSet'))
      .thenPublishes(any('PipelineStepSucceeded'), stepStarted('tell', 'notify', cmd('tell')));
    given(runWorkflow, branches)
      .when(registryOutcome(cmd('staging'), 'VersionStageTransitioned'))
      .thenPublishes(any('PipelineStepSucceeded'));
  });
});

describe('conditions', () => {
  const gated = (when: object) =>
    pipeline([
      { id: 'validate', type: 'validate' },
      { id: 'staging', type: 'transition', stage: 'Staging', when },
      { id: 'tell', type: 'notify', url: 'https://hooks.example.com/x' },
    ]);

  it('skips a step whose condition does not hold and goes on with what follows it', () => {
    given(runWorkflow, [start(gated({ metric: 'accuracy', op: '>=', value: 0.95 }))])
      .when(verdictReceived(verdict(true)))
      .thenPublishes(
        any('PipelineStepSucceeded'),
        ev('PipelineStepSkipped', {
          stepId: 'staging',
          cause: 'condition',
          reason: 'condition does not hold: accuracy >= 0.95',
        }),
        stepStarted('tell', 'notify', cmd('tell')),
      );
  });

  it('runs a step whose condition holds on metrics, tags and the run’s verdict', () => {
    const when = {
      all: [{ metric: 'accuracy', op: '>=', value: 0.85 }, { tag: 'team', equals: 'growth' }, { verdict: 'passed' }],
    };
    given(runWorkflow, [start(gated(when))])
      .when(verdictReceived(verdict(true)))
      .thenPublishes(any('PipelineStepSucceeded'), stepStarted('staging', 'transition', cmd('staging')));
  });

  it('treats a missing metric as not matching, and negates with not', () => {
    given(runWorkflow, [start(gated({ not: { metric: 'f1', op: '>', value: 0 } }))])
      .when(verdictReceived(verdict(true)))
      .thenPublishes(any('PipelineStepSucceeded'), stepStarted('staging', 'transition', cmd('staging')));
  });
});
