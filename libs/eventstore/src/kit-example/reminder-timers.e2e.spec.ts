import { fork, ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { openDatabase } from '../database';
import { newId } from '../ids';
import { migrate } from '../schema';
import { commandMetadata, systemMetadataSource } from '../time/command-metadata';
import { WorkflowRunner } from '../workflows/workflow-runner';
import { kitCatalog } from './mailbox';
import { reminderWorkflow } from './reminder.workflow';

const ROOT = resolve(__dirname, '../../../..');
const REMINDERS = 60;

/**
 * Durable timers under a real crash: the process running the timers and the outbox is SIGKILLed
 * while reminders come due and is started again. Every reminder must reach its user exactly
 * once (one Notified in the database), whether its timer had fired, was firing, or was waiting.
 */
describe('reminder timers across a SIGKILL of their worker', () => {
  const url = freshDatabaseUrl('kit_timer_crash');
  let db: DataSource;
  let worker: ChildProcess | undefined;

  const start = () =>
    new Promise<ChildProcess>((ready, fail) => {
      const child = fork(join(ROOT, 'scripts/run-ts.js'), [join(__dirname, 'reminder-timers.worker.ts')], {
        env: { ...process.env, KIT_DB: url },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.once('message', () => ready(child));
      child.once('exit', (code) => fail(new Error(`worker exited with ${code}`)));
    });
  const notifiedPerUser = async (): Promise<{ users: number; most: number }> =>
    (
      await db.query(`SELECT count(*)::int AS users, coalesce(max(n), 0)::int AS most FROM (
       SELECT count(*) AS n FROM events WHERE event_type = 'Notified' GROUP BY stream_id) per_user`)
    )[0];

  beforeAll(async () => {
    db = await openDatabase({ url, poolSize: 4 });
    await migrate(db);
    const reminders = new WorkflowRunner(db, reminderWorkflow, {
      source: 'kit',
      newEventId: newId,
      catalog: kitCatalog,
    });
    // Due one after another, 50 ms apart, from 1.5 s on: the kill lands while they come due.
    for (let i = 0; i < REMINDERS; i++) {
      const metadata = commandMetadata(systemMetadataSource, {
        actor: { id: 'ana', kind: 'user' },
        commandId: `request-${i}`,
      });
      await reminders.handle({
        type: 'RequestReminder',
        data: { reminderId: `crash-${i}`, userId: `user-${i}`, text: 'stretch', inMs: 1_500 + i * 50 },
        metadata,
      });
    }
  });

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await db?.destroy();
  });

  it("fires every timer at least once and applies each one's effect exactly once", async () => {
    worker = await start();
    await eventually(async () => expect((await notifiedPerUser()).users).toBeGreaterThanOrEqual(10), {
      timeoutMs: 30_000,
    });
    worker.kill('SIGKILL');
    await new Promise((r) => worker!.once('exit', r));
    expect((await notifiedPerUser()).users).toBeLessThan(REMINDERS); // the kill really landed mid-way

    worker = await start();
    await eventually(async () => expect(await notifiedPerUser()).toEqual({ users: REMINDERS, most: 1 }), {
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    const timers = await db.query(`SELECT status, count(*)::int AS n FROM scheduled GROUP BY status`);
    expect(timers).toEqual([{ status: 'fired', n: REMINDERS }]);
    const sent = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT stream_id)::int AS streams FROM events WHERE event_type = 'ReminderSent'`,
    );
    expect(sent).toEqual([{ n: REMINDERS, streams: REMINDERS }]);
    await eventually(async () =>
      expect((await db.query(`SELECT count(*)::int AS n FROM command_outbox WHERE dispatched_at IS NULL`))[0].n).toBe(
        0,
      ),
    );
  }, 120_000);
});
