import { given } from '@ledger/testing';
import { runWorkflow } from './run.workflow';
import { any, at, cmd, ev, pipeline, resume, start, verdict, verdictReceived } from './run.fixtures';

const only = (raw: object) => pipeline([raw]);
const succeeded = (stepId: string, detail: object, attempt = 1) =>
  ev('PipelineStepSucceeded', { stepId, attempt, detail });
const done = (durationMs = 0) => ev('PipelineRunSucceeded', { durationMs });

describe('a validate step', () => {
  const validate = only({ id: 'validate', type: 'validate', timeout: '1h' });

  it('given the automatic verdict arrived before the run, then it passes at once without waiting', () => {
    given(runWorkflow)
      .when(start(validate, { knownVerdicts: [verdict(true)] }))
      .thenPublishes(
        any('PipelineRunStarted'),
        ev('PipelineStepStarted', { stepId: 'validate', attempt: 1, type: 'validate', commandId: null }),
        succeeded('validate', { validationRunId: 'vr-pass', passed: true, changed: false }),
        done(),
      );
  });

  it('given no verdict yet, then it waits for one with its timeout set', () => {
    given(runWorkflow)
      .when(start(validate))
      .thenSchedules({
        id: 'timeout:validate:1',
        dueAt: at(3600),
        input: { type: 'StepTimedOut', data: { runId: 'run-1', stepId: 'validate', attempt: 1 } },
      });
  });

  it('when a failing verdict arrives, then the run fails with the failing checks in its reason', () => {
    const reason = 'validation vr-fail failed: accuracy (metric-threshold): 0.71 < 0.85; size (artifact): 3 GB > 1 GB';
    const when = given(runWorkflow, [start(validate)]).when(verdictReceived(verdict(false), at(30)));
    when.thenPublishes(
      ev('PipelineStepFailed', { stepId: 'validate', attempt: 1, reason, timedOut: false, retryAt: null }),
      ev('PipelineRunFailed', { stepId: 'validate', reason: `step validate failed: ${reason}`, durationMs: 30_000 }),
    );
    when.thenCancels('timeout:validate:1');
  });

  it('with revalidate, then it asks the validator and takes only the verdict its command started', () => {
    const again = only({ id: 'validate', type: 'validate', revalidate: true, policyVersion: 4 });
    given(runWorkflow)
      .when(start(again, { knownVerdicts: [verdict(false)] }))
      .thenSends({
        type: 'ValidateModelVersion',
        data: { commandId: cmd('validate'), name: 'churn', version: 2, policyVersion: 4 },
      });
    given(runWorkflow, [start(again)])
      .when(verdictReceived(verdict(true)))
      .thenIgnored(/kept/);
    const ours = verdict(true, { id: 'vr-7', trigger: { kind: 'ValidateModelVersion', id: cmd('validate') } });
    given(runWorkflow, [start(again)])
      .when(verdictReceived(ours))
      .thenPublishes(succeeded('validate', { validationRunId: 'vr-7', passed: true, changed: false }), done());
  });

  it('when the same verdict arrives twice, then the second is ignored as a duplicate and nothing moves twice', () => {
    const chain = pipeline([
      { id: 'validate', type: 'validate' },
      { id: 'staging', type: 'transition', stage: 'Staging' },
    ]);
    given(runWorkflow, [start(chain), verdictReceived(verdict(true))])
      .when(verdictReceived(verdict(true)))
      .thenIgnored(/duplicate/);
    given(runWorkflow, [start(chain), verdictReceived(verdict(true))])
      .when(verdictReceived(verdict(true, { id: 'vr-again' })))
      .thenIgnored(/duplicate: step validate already took a verdict/);
  });
});

describe('a validate step of a queued run', () => {
  it('keeps the verdict that arrives while the run waits, and takes it once the run starts', () => {
    const validate = pipeline([{ id: 'validate', type: 'validate' }]);
    given(runWorkflow, [start(validate, { queued: true })])
      .when(verdictReceived(verdict(true)))
      .thenIgnored(/queued/);
    given(runWorkflow, [start(validate, { queued: true }), verdictReceived(verdict(true))])
      .when(resume())
      .thenPublishes(any('PipelineRunStarted'), any('PipelineStepStarted'), any('PipelineStepSucceeded'), done());
  });
});
