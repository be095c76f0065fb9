import { ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { DUE_TIMER, reminderWorkflow } from './reminder.workflow';
import { cancelReminder, reminderDue, requestReminder } from './kit-fixtures';

describe('reminder workflow', () => {
  describe('when a reminder is requested', () => {
    it('schedules its due timer at the request time plus the delay, to deliver ReminderDue', () => {
      given(reminderWorkflow)
        .when(requestReminder('r1', 90_000))
        .thenSchedules({
          id: DUE_TIMER,
          dueAt: '2026-01-01T09:01:30.000Z',
          input: { type: 'ReminderDue', data: { reminderId: 'r1' } },
        });
    });

    it('sends nothing and publishes nothing yet', () => {
      given(reminderWorkflow).when(requestReminder('r1')).thenSends();
      given(reminderWorkflow).when(requestReminder('r1')).thenPublishes();
    });

    it('ignores a second request for the same reminder, saying why', () => {
      given(reminderWorkflow, [requestReminder('r1')])
        .when(requestReminder('r1', 5_000, 'another-request'))
        .thenIgnored(/already requested/);
    });

    it('refuses a delay that is not positive', () => {
      given(reminderWorkflow)
        .when(requestReminder('r1', 0))
        .thenThrows(ValidationError, /positive delay/);
    });
  });

  describe('when its timer fires', () => {
    it('sends the user the reminder and publishes that it went out', () => {
      const waiting = given(reminderWorkflow, [requestReminder('r1')]).when(reminderDue('r1'));
      waiting.thenSends({ type: 'Notify', data: { userId: 'ana', text: 'stand up and stretch' } });
      waiting.thenPublishes({ type: 'ReminderSent', data: { reminderId: 'r1', userId: 'ana' } });
    });

    it('ignores a second firing: the reminder was already sent', () => {
      given(reminderWorkflow, [requestReminder('r1'), reminderDue('r1')])
        .when(reminderDue('r1'))
        .thenIgnored(/is sent: nothing to send/);
    });

    it('ignores a firing after the reminder was cancelled (a cancel racing the timer)', () => {
      given(reminderWorkflow, [requestReminder('r1'), cancelReminder('r1')])
        .when(reminderDue('r1'))
        .thenIgnored(/is withdrawn/);
    });

    it('ignores a firing for a reminder never requested', () => {
      given(reminderWorkflow)
        .when(reminderDue('r9'))
        .thenIgnored(/is unknown/);
    });
  });

  describe('when a reminder is cancelled', () => {
    it('cancels its timer and publishes the withdrawal, and nothing more', () => {
      given(reminderWorkflow, [requestReminder('r1')])
        .when(cancelReminder('r1'))
        .then([
          { kind: 'cancel', timerId: DUE_TIMER },
          { kind: 'publish', event: { type: 'ReminderWithdrawn', data: { reminderId: 'r1' } } },
        ]);
      given(reminderWorkflow, [requestReminder('r1')])
        .when(cancelReminder('r1'))
        .thenCancels(DUE_TIMER);
    });

    it('ignores a cancel once the reminder was sent', () => {
      given(reminderWorkflow, [requestReminder('r1'), reminderDue('r1')])
        .when(cancelReminder('r1'))
        .thenIgnored(/is sent: nothing to cancel/);
    });

    it('ignores a cancel of a reminder never requested', () => {
      given(reminderWorkflow)
        .when(cancelReminder('r9'))
        .thenIgnored(/is unknown/);
    });
  });
});
