import { Command, DomainEvent, ValidationError } from '@ledger/contracts';
import { cancel, ignore, publish, schedule, send, Workflow, WorkflowOutput, WorkflowRecord } from '@ledger/contracts';
import { Notify } from './mailbox';

export type RequestReminder = Command<
  'RequestReminder',
  { reminderId: string; userId: string; text: string; inMs: number }
>;
export type CancelReminder = Command<'CancelReminder', { reminderId: string }>;
/** Delivered by the reminder's own timer. */
export type ReminderDue = Command<'ReminderDue', { reminderId: string }>;
export type ReminderInput = RequestReminder | CancelReminder | ReminderDue;

export type ReminderEvent =
  | DomainEvent<'ReminderSent', { reminderId: string; userId: string }>
  | DomainEvent<'ReminderWithdrawn', { reminderId: string }>;
type ReminderCommand = Pick<Notify, 'type' | 'data'>;
type Output = WorkflowOutput<ReminderInput, ReminderCommand, ReminderEvent>;

export type ReminderState =
  { status: 'unknown' } | { status: 'waiting' | 'sent' | 'withdrawn'; userId: string; text: string };

export const DUE_TIMER = 'due';

function request(input: RequestReminder, state: ReminderState): Output[] {
  if (state.status !== 'unknown') return [ignore(`reminder ${input.data.reminderId} was already requested`)];
  if (!(input.data.inMs > 0)) throw new ValidationError('inMs: a reminder is due after a positive delay');
  const dueAt = new Date(Date.parse(input.metadata.now) + input.data.inMs).toISOString();
  return [
    schedule({ id: DUE_TIMER, dueAt, input: { type: 'ReminderDue', data: { reminderId: input.data.reminderId } } }),
  ];
}

function withdraw(input: CancelReminder, state: ReminderState): Output[] {
  if (state.status !== 'waiting')
    return [ignore(`reminder ${input.data.reminderId} is ${state.status}: nothing to cancel`)];
  return [cancel(DUE_TIMER), publish({ type: 'ReminderWithdrawn', data: { reminderId: input.data.reminderId } })];
}

// A timer cancelled while it fired still arrives: the state, not the timer, decides.
function remind(input: ReminderDue, state: ReminderState): Output[] {
  if (state.status !== 'waiting')
    return [ignore(`reminder ${input.data.reminderId} is ${state.status}: nothing to send`)];
  const { reminderId } = input.data;
  return [
    send({ type: 'Notify', data: { userId: state.userId, text: state.text } }),
    publish({ type: 'ReminderSent', data: { reminderId, userId: state.userId } }),
  ];
}

function evolve(
  state: ReminderState,
  record: WorkflowRecord<ReminderInput, ReminderCommand, ReminderEvent>,
): ReminderState {
  if (record.kind === 'input' && record.input.type === 'RequestReminder' && state.status === 'unknown') {
    return { status: 'waiting', userId: record.input.data.userId, text: record.input.data.text };
  }
  if (record.kind !== 'publish' || state.status === 'unknown') return state;
  return { ...state, status: record.event.type === 'ReminderSent' ? 'sent' : 'withdrawn' };
}

/** Reminds a user once, some time after asking, unless cancelled first. */
export const reminderWorkflow: Workflow<ReminderInput, ReminderCommand, ReminderEvent, ReminderState> = {
  name: 'reminder',
  streamOf: (input) => `reminder-${input.data.reminderId}`,
  initialState: () => ({ status: 'unknown' }),
  decide: (input, state) => {
    switch (input.type) {
      case 'RequestReminder':
        return request(input, state);
      case 'CancelReminder':
        return withdraw(input, state);
      case 'ReminderDue':
        return remind(input, state);
    }
  },
  evolve,
};
