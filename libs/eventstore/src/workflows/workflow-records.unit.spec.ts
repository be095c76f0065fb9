import { StoredEvent } from '../event-log';
import { cancelReminder, requestReminder } from '../kit-example/kit-fixtures';
import { kitCatalog } from '../kit-example/mailbox';
import { eventToRecord, recordsToEvents } from './workflow-records';
import { cancel, ignore, publish, schedule, send } from '@ledger/contracts';

const stored = (event: ReturnType<typeof recordsToEvents>[number], i: number): StoredEvent => ({
  ...event,
  globalPosition: String(i + 1),
  transactionId: '1',
  streamId: 'reminder-r1',
  streamPosition: i + 1,
  data: event.data as Record<string, unknown>,
  metadata: event.metadata as Record<string, unknown>,
  createdAt: new Date(),
});

describe('workflow records on the stream', () => {
  let n = 0;
  const options = { source: 'kit', newEventId: () => `event-${++n}`, catalog: kitCatalog };
  const outputs = [
    send({ type: 'Notify', data: { userId: 'ana', text: 'hi' } }),
    publish({ type: 'ReminderSent', data: { reminderId: 'r1', userId: 'ana' } }),
    schedule({
      id: 'due',
      dueAt: '2026-01-01T10:00:00.000Z',
      input: { type: 'ReminderDue', data: { reminderId: 'r1' } },
    }),
    cancel('due'),
    ignore('nothing to do'),
  ];

  it('reads back, in order, the input and every output they were written from', () => {
    const input = requestReminder('r1');
    const events = recordsToEvents(options, input, outputs);
    expect(events.map((e, i) => eventToRecord(stored(e, i)))).toEqual([{ kind: 'input', input }, ...outputs]);
  });

  it('marks every record but a published event as bookkeeping the relay keeps in', () => {
    const events = recordsToEvents(options, cancelReminder('r1'), outputs);
    expect(events.map((e) => (e.metadata as { workflow: string }).workflow)).toEqual([
      'input',
      'send',
      'publish',
      'schedule',
      'cancel',
      'ignore',
    ]);
    expect(events.map((e) => e.type)).toEqual([
      'CancelReminder',
      'Notify',
      'ReminderSent',
      'WorkflowTimerScheduled',
      'WorkflowTimerCancelled',
      'WorkflowInputIgnored',
    ]);
  });

  it("keeps the input's flow: its correlation, actor and commandId are on every record", () => {
    const events = recordsToEvents(options, requestReminder('r1'), outputs);
    for (const event of events)
      expect(event.metadata).toMatchObject({
        source: 'kit',
        correlationId: 'flow-request-r1',
        commandId: 'request-r1',
        actor: { id: 'ana' },
      });
  });
});
