import { IllegalStateError, NotFoundError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { runWorkflow } from './run.workflow';
import {
  actor,
  any,
  at,
  cancelRun,
  cmd,
  ev,
  pipeline,
  refused,
  registryOutcome,
  resume,
  retryDue,
  retryStep,
  skipStep,
  start,
  supersede,
  verdict,
  verdictReceived,
} from './run.fixtures';

const chain = pipeline([
  { id: 'validate', type: 'validate', timeout: '1h' },
  { id: 'champion', type: 'set-alias', alias: 'champion', retries: { max: 1 } },
  { id: 'wait', type: 'wait', duration: '1m' },
]);
const atChampion = [start(chain), verdictReceived(verdict(true))];
const championFailed = [
  ...atChampion,
  refused(cmd('champion')),
  retryDue('champion', 2, at(2)),
  refused(cmd('champion', 2)),
];

describe('cancelling a run', () => {
  it('stops a running run, cancelling its timers, and says who', () => {
    const when = given(runWorkflow, [start(chain)]).when(cancelRun(actor('ana'), at(20)));
    when.thenPublishes(
      ev('PipelineRunCancelled', {
        reason: 'cancelled by ana',
        by: { id: 'ana', kind: 'user' },
        supersededBy: null,
        durationMs: 20_000,
      }),
    );
    when.thenCancels('timeout:validate:1');
  });

  it('stops a queued run too', () => {
    given(runWorkflow, [start(chain, { queued: true })])
      .when(cancelRun())
      .thenPublishes(any('PipelineRunCancelled'));
  });

  it('refuses an ended run, and a run that does not exist', () => {
    given(runWorkflow, [start(chain), cancelRun()])
      .when(cancelRun())
      .thenThrows(IllegalStateError, /run run-1 cancelled: there is nothing to cancel/);
    given(runWorkflow)
      .when(cancelRun())
      .thenThrows(NotFoundError, /pipeline run run-1 does not exist/);
  });

  it('after a cancel, outcomes and resumes are ignored as run ended', () => {
    given(runWorkflow, [...atChampion, cancelRun()])
      .when(registryOutcome(cmd('champion'), 'AliasSet'))
      .thenIgnored(/run ended/);
    given(runWorkflow, [start(chain, { queued: true }), cancelRun()])
      .when(resume())
      .thenIgnored(/not queued \(cancelled\)/);
  });
});

describe('superseding a run', () => {
  it('cancels it in favour of the newer version’s run', () => {
    given(runWorkflow, [start(chain)])
      .when(supersede())
      .thenPublishes(
        ev('PipelineRunCancelled', {
          reason: 'superseded by run run-9 for version 3',
          by: null,
          supersededBy: 'run-9',
          durationMs: 0,
        }),
      );
  });

  it('ignores it once the run ended, or when there is no such run', () => {
    given(runWorkflow, [start(chain), cancelRun()])
      .when(supersede())
      .thenIgnored(/run ended/);
    given(runWorkflow)
      .when(supersede())
      .thenIgnored(/no such run/);
  });
});

describe('retrying a step', () => {
  it('given a run failed at a step, then a new attempt starts and the run runs again', () => {
    given(runWorkflow, championFailed)
      .when(retryStep('champion', at(50)))
      .thenSends({
        type: 'SetModelAlias',
        data: { commandId: cmd('champion', 3), name: 'churn', version: 2, alias: 'champion' },
      });
    given(runWorkflow, [...championFailed, retryStep('champion', at(50))])
      .when(registryOutcome(cmd('champion', 3), 'AliasSet'))
      .thenPublishes(any('PipelineStepSucceeded'), any('PipelineStepStarted'));
  });

  it('given a retry pending, then it starts now and drops the pending backoff', () => {
    const when = given(runWorkflow, [...atChampion, refused(cmd('champion'))]).when(retryStep('champion'));
    when.thenCancels('retry:champion:2');
    when.thenPublishes(
      ev('PipelineStepStarted', { stepId: 'champion', attempt: 2, type: 'set-alias', commandId: cmd('champion', 2) }),
    );
  });

  it('refuses a step that did not fail, an unknown step, and a run that does not exist', () => {
    given(runWorkflow, atChampion)
      .when(retryStep('champion'))
      .thenThrows(IllegalStateError, /step champion of run run-1 is running: only a failed step is retried/);
    given(runWorkflow, atChampion)
      .when(retryStep('deploy'))
      .thenThrows(ValidationError, /no step "deploy"/);
    given(runWorkflow).when(retryStep('champion')).thenThrows(NotFoundError);
  });
});

describe('skipping a step', () => {
  it('skips a running step, cancelling its timers, and what needs it goes on', () => {
    const when = given(runWorkflow, [start(chain)]).when(skipStep('validate'));
    when.thenPublishes(
      ev('PipelineStepSkipped', { stepId: 'validate', cause: 'manual', reason: 'skipped by ana' }),
      any('PipelineStepStarted'),
    );
    when.thenCancels('timeout:validate:1');
  });

  it('skips the failed step of a failed run, which runs again', () => {
    given(runWorkflow, championFailed)
      .when(skipStep('champion'))
      .thenPublishes(
        any('PipelineStepSkipped'),
        ev('PipelineStepStarted', { stepId: 'wait', attempt: 1, type: 'wait', commandId: null }),
      );
  });

  it('refuses a step that has not begun or is done', () => {
    given(runWorkflow, [start(chain)])
      .when(skipStep('wait'))
      .thenThrows(IllegalStateError, /step wait of run run-1 is pending/);
    given(runWorkflow, atChampion)
      .when(skipStep('validate'))
      .thenThrows(IllegalStateError, /is succeeded/);
  });
});
