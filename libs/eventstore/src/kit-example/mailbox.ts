// The kit example's own aggregate: a user's mailbox, which reactors and workflows write to
// through commands, and whose events count every effect (one Notified per notification).
import { z } from 'zod';
import { Command, Decider, defineMessage, DomainEvent, MessageCatalog, ValidationError } from '@ledger/contracts';

export type Notify = Command<'Notify', { userId: string; text: string }>;
export type Notified = DomainEvent<'Notified', { userId: string; text: string; at: string }>;
export interface Mailbox {
  received: number;
}

export const mailboxStreamId = (userId: string): string => `mailbox-${userId}`;

export const mailbox: Decider<Notify, Notified, Mailbox> = {
  initialState: () => ({ received: 0 }),
  decide: (command) => {
    if (command.data.text.trim() === '') throw new ValidationError('text: a notification says something');
    return [{ type: 'Notified', data: { ...command.data, at: command.metadata.now } }];
  },
  evolve: (state) => ({ received: state.received + 1 }),
};

export const kitCatalog = new MessageCatalog([
  defineMessage({
    type: 'Notified',
    schemaVersion: 1,
    schema: z.object({ userId: z.string(), text: z.string(), at: z.string() }),
    description: 'a user was told something',
  }),
  defineMessage({
    type: 'ReminderSent',
    schemaVersion: 1,
    schema: z.object({ reminderId: z.string(), userId: z.string() }),
    description: 'a reminder went out',
  }),
  defineMessage({
    type: 'ReminderWithdrawn',
    schemaVersion: 1,
    schema: z.object({ reminderId: z.string() }),
    description: 'a reminder was cancelled before it was due',
  }),
]);
