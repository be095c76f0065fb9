import { ValidationError } from '@ledger/contracts';
import { given } from '@ledger/testing';
import { mailbox, Notify } from './mailbox';
import { T0 } from './kit-fixtures';

const notify = (text: string): Notify => ({
  type: 'Notify',
  data: { userId: 'ana', text },
  metadata: { now: T0, newId: 'n1', actor: { id: 'welcome', kind: 'service' }, correlationId: 'c1', causationId: null },
});

describe('mailbox', () => {
  it('records a notification with the time it was given', () => {
    given(mailbox)
      .when(notify('hello'))
      .then([{ type: 'Notified', data: { userId: 'ana', text: 'hello', at: T0 } }]);
  });

  it('refuses a notification that says nothing', () => {
    given(mailbox)
      .when(notify('  '))
      .thenThrows(ValidationError, /says something/);
  });
});
