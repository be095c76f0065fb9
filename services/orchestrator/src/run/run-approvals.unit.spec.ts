import { ForbiddenError, IllegalStateError, ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { runWorkflow } from './run.workflow';
import { actor, any, approve, at, ev, pipeline, reject, retryStep, start } from './run.fixtures';

const gate = (raw: object = {}) =>
  pipeline([
    { id: 'approve', type: 'approval', timeout: '7d', ...raw },
    { id: 'champion', type: 'set-alias', alias: 'champion' },
  ]);
const recorded = (
  decision: 'approved' | 'rejected',
  id: string,
  approvals: number,
  required = 1,
  comment = 'looks good',
) =>
  ev('PipelineApprovalRecorded', {
    stepId: 'approve',
    decision,
    actor: { id, kind: 'user' },
    comment,
    approvals,
    required,
  });

describe('an approval gate', () => {
  it('sends nothing and waits for a person, with its timeout set', () => {
    const when = given(runWorkflow).when(start(gate()));
    when.thenSends();
    when.thenSchedules(expect.objectContaining({ id: 'timeout:approve:1' }));
  });

  it('when an approver approves, then the decision is recorded, the gate opens and the next step begins', () => {
    const when = given(runWorkflow, [start(gate())]).when(approve('approve'));
    when.thenPublishes(
      recorded('approved', 'ana', 1),
      ev('PipelineStepSucceeded', { stepId: 'approve', attempt: 1, detail: { approvers: ['ana'], changed: false } }),
      any('PipelineStepStarted'),
    );
    when.thenCancels('timeout:approve:1');
  });

  it('when rejected, then the attempt fails with who and why, and is not retried even with retries left', () => {
    const reason = 'rejected by ana: drift on EU';
    given(runWorkflow, [start(gate({ retries: { max: 3 } }))])
      .when(reject('approve', actor('ana'), 'drift on EU', at(60)))
      .thenPublishes(
        recorded('rejected', 'ana', 0, 1, 'drift on EU'),
        ev('PipelineStepFailed', { stepId: 'approve', attempt: 1, reason, timedOut: false, retryAt: null }),
        ev('PipelineRunFailed', { stepId: 'approve', reason: `step approve failed: ${reason}`, durationMs: 60_000 }),
      );
  });

  it('given a rejection, when a person retries the gate and it is approved, then the run goes on', () => {
    const rejected = [start(gate()), reject('approve')];
    given(runWorkflow, rejected)
      .when(retryStep('approve'))
      .thenPublishes(ev('PipelineStepStarted', { stepId: 'approve', attempt: 2, type: 'approval', commandId: null }));
    given(runWorkflow, [...rejected, retryStep('approve')])
      .when(approve('approve', actor('bob')))
      .thenPublishes(recorded('approved', 'bob', 1), any('PipelineStepSucceeded'), any('PipelineStepStarted'));
  });

  it('needs N distinct approvers: the first of two is recorded and the gate stays shut', () => {
    const twoOf = gate({ required: 2 });
    given(runWorkflow, [start(twoOf)])
      .when(approve('approve'))
      .thenPublishes(recorded('approved', 'ana', 1, 2));
    given(runWorkflow, [start(twoOf), approve('approve')])
      .when(approve('approve', actor('bob')))
      .thenPublishes(recorded('approved', 'bob', 2, 2), any('PipelineStepSucceeded'), any('PipelineStepStarted'));
  });

  it('refuses the same person approving twice', () => {
    given(runWorkflow, [start(gate({ required: 2 })), approve('approve')])
      .when(approve('approve'))
      .thenThrows(IllegalStateError, /ana already approved gate approve .* 2 distinct approvers/);
  });

  it('refuses someone without the approver or admin role when the gate names nobody', () => {
    given(runWorkflow, [start(gate())])
      .when(approve('approve', actor('eve', ['viewer'])))
      .thenThrows(ForbiddenError, /eve may not decide at approval gate approve/);
    given(runWorkflow, [start(gate())])
      .when(approve('approve', actor('root', ['admin'])))
      .thenPublishes(recorded('approved', 'root', 1), any('PipelineStepSucceeded'), any('PipelineStepStarted'));
  });

  it('lets the named users and roles decide, and only them', () => {
    const named = gate({ approvers: { users: ['carol'], roles: ['ml-lead'] } });
    given(runWorkflow, [start(named)])
      .when(approve('approve', actor('carol', [])))
      .thenPublishes(recorded('approved', 'carol', 1), any('PipelineStepSucceeded'), any('PipelineStepStarted'));
    given(runWorkflow, [start(named)])
      .when(approve('approve', actor('dan', ['ml-lead'])))
      .thenPublishes(recorded('approved', 'dan', 1), any('PipelineStepSucceeded'), any('PipelineStepStarted'));
    given(runWorkflow, [start(named)])
      .when(reject('approve', actor('ana', ['approver'])))
      .thenThrows(ForbiddenError);
  });

  it('checks no roles when the platform runs without authentication', () => {
    given(runWorkflow, [start(gate())])
      .when(approve('approve', actor('anonymous', [], false)))
      .thenPublishes(recorded('approved', 'anonymous', 1), any('PipelineStepSucceeded'), any('PipelineStepStarted'));
  });

  it('with separation of duties, refuses the person who registered the version', () => {
    given(runWorkflow, [start(gate({ separationOfDuties: true }))])
      .when(approve('approve', actor('rita')))
      .thenThrows(ForbiddenError, /separation of duties: rita registered version 2/);
  });

  it('refuses a decision on a step that is no gate, no step at all, or a gate that waits for none', () => {
    given(runWorkflow, [start(gate())])
      .when(approve('champion'))
      .thenThrows(ValidationError, /step "champion" .* is a set-alias step, not approval/);
    given(runWorkflow, [start(gate())])
      .when(approve('nope'))
      .thenThrows(ValidationError, /has no step "nope"/);
    given(runWorkflow, [start(gate()), approve('approve')])
      .when(approve('approve', actor('bob')))
      .thenThrows(IllegalStateError, /approval gate approve of run run-1 is succeeded/);
  });
});
