import { DataSource } from 'typeorm';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { openDatabase } from '../database';
import { EventLog, LOG_START } from '../event-log';
import { newId } from '../ids';
import { migrate } from '../schema';
import { ManualClock } from '../time/clock';
import { commandMetadata } from '../time/command-metadata';
import { TimerRunner } from '../timers/timer-runner';
import { firingInto } from '../workflows/workflow-inputs';
import { NOT_WORKFLOW_BOOKKEEPING } from '../workflows/workflow-records';
import { kitServices, KitServices } from './kit-wiring';
import { CancelReminder, RequestReminder } from './reminder.workflow';

// The reminder workflow on real PostgreSQL, its timers on a ManualClock: time moves only when told.
describe('reminder workflow with durable timers and an outbox', () => {
  const url = freshDatabaseUrl('kit_reminders');
  const clock = new ManualClock('2026-01-01T09:00:00.000Z');
  let db: DataSource;
  let kit: KitServices;

  const origin = (commandId: string) =>
    commandMetadata({ clock, newId }, { actor: { id: 'ana', kind: 'user' }, commandId });
  const request = (reminderId: string, userId: string, inMs = 60_000): RequestReminder => ({
    type: 'RequestReminder',
    data: { reminderId, userId, text: `time to stretch, ${userId}`, inMs },
    metadata: origin(`request-${reminderId}`),
  });
  const cancel = (reminderId: string): CancelReminder => ({
    type: 'CancelReminder',
    data: { reminderId },
    metadata: origin(`cancel-${reminderId}`),
  });
  const notified = async (userId: string) =>
    (
      await db.query(`SELECT count(*)::int AS n FROM events WHERE event_type = 'Notified' AND stream_id = $1`, [
        `mailbox-${userId}`,
      ])
    )[0].n;
  const timersOf = async (reminderId: string) =>
    db.query(`SELECT status, attempts FROM scheduled WHERE stream_id = $1 ORDER BY created_at`, [
      `reminder-${reminderId}`,
    ]);
  const typesOn = async (reminderId: string) =>
    (await new EventLog(db).readStream(`reminder-${reminderId}`)).map((e) => e.type);

  beforeAll(async () => {
    db = await openDatabase({ url, poolSize: 12 });
    await migrate(db);
    kit = kitServices(db, clock, url);
    await kit.start();
  });
  afterAll(async () => {
    await kit.stop();
    await db.destroy();
  });

  it('stores the timer with the decision that sets it, and fires it once its due time has passed on the clock, not before', async () => {
    await kit.reminders.handle(request('r1', 'u1'));
    expect(await timersOf('r1')).toEqual([{ status: 'scheduled', attempts: 0 }]);
    expect(await typesOn('r1')).toEqual(['RequestReminder', 'WorkflowTimerScheduled']);

    clock.advance(59_999);
    expect(await kit.timers.fireOne()).toBe(false);
    expect(await notified('u1')).toBe(0);

    clock.advance(1);
    await eventually(async () => expect(await notified('u1')).toBe(1));
    expect(await timersOf('r1')).toEqual([{ status: 'fired', attempts: 1 }]);
    expect(await typesOn('r1')).toEqual([
      'RequestReminder',
      'WorkflowTimerScheduled',
      'ReminderDue',
      'Notify',
      'ReminderSent',
    ]);
    await eventually(async () =>
      expect((await db.query(`SELECT count(*)::int AS n FROM command_outbox WHERE dispatched_at IS NULL`))[0].n).toBe(
        0,
      ),
    );
  });

  it('decides on a redelivered input once: the resend is a duplicate and sets no second timer', async () => {
    const first = await kit.reminders.handle(request('r2', 'u2'));
    const again = await kit.reminders.handle(request('r2', 'u2'));
    expect([first.duplicate, again.duplicate]).toEqual([false, true]);
    expect(again.version).toBe(first.version);
    expect(await timersOf('r2')).toHaveLength(1);
  });

  it('cancels a timer with the decision that cancels it: past its due time it never fires', async () => {
    await kit.reminders.handle(request('r3', 'u3'));
    await kit.reminders.handle(cancel('r3'));
    expect(await timersOf('r3')).toEqual([{ status: 'cancelled', attempts: 0 }]);
    clock.advance(120_000);
    // r2's timer, set before r3's and not cancelled, firing shows the runner has been past r3's due time.
    await eventually(async () => expect(await notified('u2')).toBe(1));
    expect(await notified('u3')).toBe(0);
    expect(await timersOf('r3')).toEqual([{ status: 'cancelled', attempts: 0 }]);
    expect(await typesOn('r3')).toEqual([
      'RequestReminder',
      'WorkflowTimerScheduled',
      'CancelReminder',
      'WorkflowTimerCancelled',
      'ReminderWithdrawn',
    ]);
  });

  it('fires many timers due at once, each exactly once, with two runners claiming side by side', async () => {
    const second = new TimerRunner(db, { owner: 'reminder', clock, fire: firingInto(kit.reminders), databaseUrl: url });
    await second.start();
    try {
      const ids = Array.from({ length: 40 }, (_, i) => `many-${i}`);
      await Promise.all(ids.map((id) => kit.reminders.handle(request(id, `user-${id}`, 30_000))));
      clock.advance(30_000);
      await eventually(
        async () => expect(await Promise.all(ids.map((id) => notified(`user-${id}`)))).toEqual(ids.map(() => 1)),
        { timeoutMs: 30_000 },
      );
      const statuses = await db.query(
        `SELECT status, attempts, count(*)::int AS n FROM scheduled WHERE stream_id LIKE 'reminder-many-%' GROUP BY 1, 2`,
      );
      expect(statuses).toEqual([{ status: 'fired', attempts: 1, n: 40 }]);
    } finally {
      await second.stop();
    }
  });

  it('records every one of many inputs racing on one workflow instance, each decided on the state the others left', async () => {
    await kit.reminders.handle(request('r6', 'u6'));
    const cancels = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        kit.reminders.handle({ ...cancel('r6'), metadata: origin(`cancel-r6-${i}`) }),
      ),
    );
    expect(cancels.map((h) => h.outputs[0].kind).sort()).toEqual(['cancel', ...Array(7).fill('ignore')]);
    const types = await typesOn('r6');
    expect(types.filter((t) => t === 'CancelReminder')).toHaveLength(8);
    expect(types.filter((t) => t === 'ReminderWithdrawn')).toHaveLength(1);
  });

  it('lets a relay with NOT_WORKFLOW_BOOKKEEPING publish what a workflow published and nothing of its bookkeeping', async () => {
    const leaving = await new EventLog(db).readCommitted(
      LOG_START,
      10_000,
      `stream_id LIKE 'reminder-r%' AND ${NOT_WORKFLOW_BOOKKEEPING}`,
    );
    expect(new Set(leaving.map((e) => e.type))).toEqual(new Set(['ReminderSent', 'ReminderWithdrawn']));
  });

  it('keeps a timer through a stop: the next runner started fires what came due meanwhile', async () => {
    await kit.stop();
    await kit.reminders.handle(request('r5', 'u5', 1_000));
    clock.advance(5_000);
    expect(await timersOf('r5')).toEqual([{ status: 'scheduled', attempts: 0 }]);
    kit = kitServices(db, clock, url);
    await kit.start();
    await eventually(async () => expect(await notified('u5')).toBe(1));
  });
});
