import { given } from '@ledger/testing';
import { MODEL_ID } from '../version/version-facts.fixture';
import { recordResult, RUN_ID, startRun } from './run.fixtures';
import { runWorkflow } from './run.workflow';

const ref = { runId: RUN_ID, modelId: MODEL_ID, name: 'churn', version: 2 };
const summary = (over: object) => ({
  total: 2,
  passed: 0,
  failed: 0,
  inconclusive: 0,
  error: 0,
  failedBlocking: [],
  warnings: [],
  ...over,
});

describe('a validation run', () => {
  it('given nothing, when it starts, then it announces the policy version and checks and asks for the first check', () => {
    given(runWorkflow)
      .when(startRun())
      .then([
        {
          kind: 'publish',
          event: {
            type: 'ValidationStarted',
            data: {
              ...ref,
              policyVersion: 3,
              checks: [
                { id: 'threshold-1', kind: 'threshold', blocking: true },
                { id: 'required_metadata-2', kind: 'required_metadata', blocking: false },
              ],
              dryRun: false,
              trigger: { kind: 'VersionCreated', id: 'event-1' },
              baselines: [{ ref: 'alias:champion|stage:Production', version: 1 }],
            },
          },
        },
        { kind: 'send', command: { type: 'EvaluateCheck', data: { runId: RUN_ID, index: 0 } } },
      ]);
  });

  it('given a started run, when it is started again (a redelivery), then that is ignored', () => {
    given(runWorkflow, [startRun()])
      .when(startRun())
      .thenIgnored(/already started/);
  });

  it('given a started run, when the first result comes, then it is recorded with the policy fields and the next check is asked for', () => {
    given(runWorkflow, [startRun()])
      .when(recordResult(0, 'passed'))
      .then([
        {
          kind: 'publish',
          event: {
            type: 'ValidationCheckCompleted',
            data: {
              ...ref,
              index: 0,
              total: 2,
              dryRun: false,
              result: expect.objectContaining({
                id: 'threshold-1',
                kind: 'threshold',
                blocking: true,
                outcome: 'passed',
              }),
            },
          },
        },
        { kind: 'send', command: { type: 'EvaluateCheck', data: { runId: RUN_ID, index: 1 } } },
      ]);
  });

  it('given a result already recorded, when it is delivered again, then it is ignored', () => {
    given(runWorkflow, [startRun(), recordResult(0, 'passed')])
      .when(recordResult(0, 'failed'))
      .thenIgnored(/not the one awaited/);
  });

  it('given no run, when a result comes, then it is ignored', () => {
    given(runWorkflow)
      .when(recordResult(0, 'passed'))
      .thenIgnored(/has not started/);
  });

  it('given every blocking check passed, when a warning fails last, then the run passes and lists the warning', () => {
    given(runWorkflow, [startRun(), recordResult(0, 'passed')])
      .when(recordResult(1, 'failed'))
      .thenPublishes(expect.anything(), {
        type: 'ValidationPassed',
        data: {
          ...ref,
          policyVersion: 3,
          summary: summary({ passed: 1, failed: 1, warnings: ['required_metadata-2'] }),
        },
      });
  });

  it('given a blocking check inconclusive, when the last comes, then the run fails naming it', () => {
    given(runWorkflow, [startRun(), recordResult(0, 'inconclusive')])
      .when(recordResult(1, 'passed'))
      .thenPublishes(expect.anything(), {
        type: 'ValidationFailed',
        data: {
          ...ref,
          policyVersion: 3,
          summary: summary({ passed: 1, inconclusive: 1, failedBlocking: ['threshold-1'] }),
        },
      });
  });

  it('given a dry run, when the last result comes, then it is recorded and no verdict is published', () => {
    given(runWorkflow, [startRun({ dryRun: true }), recordResult(0, 'failed')])
      .when(recordResult(1, 'passed'))
      .then([{ kind: 'publish', event: expect.objectContaining({ type: 'ValidationCheckCompleted' }) }]);
  });

  it('given a finished run, when a late result comes, then it is ignored: one verdict only', () => {
    given(runWorkflow, [startRun(), recordResult(0, 'passed'), recordResult(1, 'passed')])
      .when(recordResult(2, 'failed'))
      .thenIgnored();
  });

  it('given a policy without checks, when it starts, then it passes at once', () => {
    given(runWorkflow)
      .when(startRun({ policy: { version: 0, checks: [] } }))
      .thenPublishes(expect.objectContaining({ type: 'ValidationStarted' }), {
        type: 'ValidationPassed',
        data: { ...ref, policyVersion: 0, summary: summary({ total: 0 }) },
      });
  });
});
