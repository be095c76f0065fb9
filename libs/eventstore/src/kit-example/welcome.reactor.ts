import { mailboxStreamId, Notify } from './mailbox';
import type { Reactor } from '@ledger/contracts';

/** Another service's UserSignedUp becomes a welcome in the new user's mailbox. */
export const welcomeReactor: Reactor<Notify> = {
  name: 'welcome',
  handles: ['UserSignedUp'],
  react: (event) => [
    { type: 'Notify', data: { userId: String(event.data.userId), text: `Welcome, ${String(event.data.name)}!` } },
  ],
  streamOf: (command) => mailboxStreamId(command.data.userId),
};
