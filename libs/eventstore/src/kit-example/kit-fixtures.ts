// Messages for the kit example's specs, with fixed times so expectations can name them.
import { CommandMetadata, Envelope } from '@ledger/contracts';
import { CancelReminder, ReminderDue, RequestReminder } from './reminder.workflow';

export const T0 = '2026-01-01T09:00:00.000Z';

const metadata = (commandId: string, now = T0): CommandMetadata => ({
  now,
  newId: `id-${commandId}`,
  actor: { id: 'ana', kind: 'user' },
  correlationId: `flow-${commandId}`,
  causationId: null,
  commandId,
});

export const requestReminder = (
  reminderId: string,
  inMs = 60_000,
  commandId = `request-${reminderId}`,
): RequestReminder => ({
  type: 'RequestReminder',
  data: { reminderId, userId: 'ana', text: 'stand up and stretch', inMs },
  metadata: metadata(commandId),
});

export const cancelReminder = (reminderId: string, commandId = `cancel-${reminderId}`): CancelReminder => ({
  type: 'CancelReminder',
  data: { reminderId },
  metadata: metadata(commandId),
});

export const reminderDue = (reminderId: string, now = '2026-01-01T09:01:00.000Z'): ReminderDue => ({
  type: 'ReminderDue',
  data: { reminderId },
  metadata: metadata(`timer:${reminderId}`, now),
});

/** Another service's event, as it arrives from the bus. */
export const userSignedUp = (id: string, userId: string): Envelope => ({
  id,
  type: 'UserSignedUp',
  schemaVersion: 1,
  source: 'accounts',
  streamId: `user-${userId}`,
  streamVersion: 1,
  occurredAt: T0,
  actor: { id: userId, kind: 'user' },
  correlationId: `flow-${id}`,
  causationId: null,
  data: { userId, name: 'Ana' },
});
