import { userSignedUp } from '../kit-example/kit-fixtures';
import { DueTimer } from '../timers/timer-runner';
import { inputFromEvent, inputFromTimer } from './workflow-inputs';

describe('workflow inputs', () => {
  it("makes another service's event an input whose commandId is the event id and whose time is when it occurred", () => {
    const input = inputFromEvent(userSignedUp('e7', 'u7'));
    expect(input).toMatchObject({ type: 'UserSignedUp', data: { userId: 'u7' } });
    expect(input.metadata).toMatchObject({
      commandId: 'e7',
      causationId: 'e7',
      now: '2026-01-01T09:00:00.000Z',
      correlationId: 'flow-e7',
    });
  });

  it('makes a fired timer the input it was set to deliver, in the flow that set it, the same on every firing', () => {
    const timer: DueTimer = {
      timerId: 't1',
      owner: 'reminder',
      streamId: 'reminder-r1',
      localId: 'due',
      dueAt: new Date('2026-01-01T09:01:00.000Z'),
      payload: { input: { type: 'ReminderDue', data: { reminderId: 'r1' } }, correlationId: 'flow-r1' },
      attempts: 0,
      firedAt: new Date('2026-01-01T09:01:02.000Z'),
      commandId: 'timer:t1',
    };
    expect(inputFromTimer(timer)).toEqual({
      type: 'ReminderDue',
      data: { reminderId: 'r1' },
      metadata: {
        now: '2026-01-01T09:01:02.000Z',
        newId: 't1',
        actor: { id: 'timer:reminder', kind: 'service' },
        correlationId: 'flow-r1',
        causationId: 't1',
        commandId: 'timer:t1',
      },
    });
  });
});
