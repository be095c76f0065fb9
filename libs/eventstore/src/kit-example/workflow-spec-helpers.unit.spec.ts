import { given } from '@ledger/testing';
import { reminderWorkflow } from './reminder.workflow';
import { cancelReminder, reminderDue, requestReminder } from './kit-fixtures';

// The helpers must be able to fail: each wrong expectation below is caught.
describe('given(workflow, inputs) specifications', () => {
  it('folds the given inputs with what was decided on them before deciding on the new one', () => {
    given(reminderWorkflow, [requestReminder('r1'), cancelReminder('r1')])
      .when(reminderDue('r1'))
      .thenIgnored(/withdrawn/);
  });

  it('fails when the workflow sends other commands, or none', () => {
    const due = given(reminderWorkflow, [requestReminder('r1')]).when(reminderDue('r1'));
    expect(() => due.thenSends({ type: 'Notify', data: { userId: 'bob', text: 'stand up and stretch' } })).toThrow();
    expect(() =>
      given(reminderWorkflow)
        .when(requestReminder('r1'))
        .thenSends({ type: 'Notify', data: { userId: 'ana', text: 'x' } }),
    ).toThrow();
  });

  it('fails thenIgnored when the input was acted on, or ignored for another reason', () => {
    expect(() => given(reminderWorkflow).when(requestReminder('r1')).thenIgnored()).toThrow();
    expect(() =>
      given(reminderWorkflow)
        .when(reminderDue('r1'))
        .thenIgnored(/already requested/),
    ).toThrow();
  });

  it('fails thenSchedules and thenPublishes on a different timer or event', () => {
    expect(() => given(reminderWorkflow).when(requestReminder('r1')).thenSchedules()).toThrow();
    expect(() =>
      given(reminderWorkflow, [requestReminder('r1')])
        .when(reminderDue('r1'))
        .thenPublishes(),
    ).toThrow();
  });
});
