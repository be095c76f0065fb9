import { DataSource, EntityManager } from 'typeorm';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { openDatabase } from '../database';
import { newId } from '../ids';
import { migrate } from '../schema';
import { ManualClock } from '../time/clock';
import { DueTimer, TimerRunner, TimerRunnerOptions } from './timer-runner';
import { storeTimers } from './timer-store';

// The timer runner on its own: failures, give-ups and a lost connection, on a ManualClock.
describe('timer runner', () => {
  const url = freshDatabaseUrl('timer_runner');
  const clock = new ManualClock('2026-03-01T12:00:00.000Z');
  let db: DataSource;
  const runners: TimerRunner[] = [];

  const setTimer = async (owner: string, inMs: number): Promise<string> => {
    const timerId = newId();
    await db.transaction((tx) =>
      storeTimers(tx, [
        {
          timerId,
          owner,
          streamId: `owner-${owner}`,
          localId: 'tick',
          dueAt: new Date(clock.now().getTime() + inMs),
          payload: {},
        },
      ]),
    );
    return timerId;
  };
  const effect = async (tx: EntityManager, timer: DueTimer) =>
    tx.query(`INSERT INTO timer_effects (command_id) VALUES ($1)`, [timer.commandId]);
  const effects = async () =>
    (await db.query(`SELECT command_id AS "commandId" FROM timer_effects ORDER BY command_id`)).map(
      (r: { commandId: string }) => r.commandId,
    );
  const row = async (timerId: string) =>
    (
      await db.query(
        `SELECT status, attempts, due_at AS "dueAt", last_error AS "lastError" FROM scheduled WHERE timer_id = $1`,
        [timerId],
      )
    )[0];
  const run = async (options: Omit<TimerRunnerOptions, 'clock' | 'databaseUrl'>) => {
    const runner = new TimerRunner(db, { clock, databaseUrl: url, pollMs: 1_000, ...options });
    runners.push(runner);
    await runner.start();
    return runner;
  };

  beforeAll(async () => {
    db = await openDatabase({ url, poolSize: 8 });
    await migrate(db, [{ id: 'timer-effects', sql: `CREATE TABLE timer_effects (command_id text PRIMARY KEY)` }]);
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await db.destroy();
  });

  it("commits a timer's effect with its fired mark, keyed by a commandId made of the timer id", async () => {
    await run({ owner: 'plain', fire: effect });
    const timerId = await setTimer('plain', 1_000);
    clock.advance(1_000);
    await eventually(async () => expect(await effects()).toContain(`timer:${timerId}`));
    expect(await row(timerId)).toMatchObject({ status: 'fired', attempts: 1 });
  });

  it('tries a failed firing again after a back-off on the clock, with nothing of the failed try kept', async () => {
    let failures = 1;
    const errors: unknown[] = [];
    await run({
      owner: 'flaky',
      retryMs: 10_000,
      onError: (e) => errors.push(e),
      fire: async (tx, timer) => {
        await effect(tx, timer);
        if (failures-- > 0) throw new Error('the mail server is down');
      },
    });
    const timerId = await setTimer('flaky', 1_000);
    clock.advance(1_000);
    await eventually(async () =>
      expect(await row(timerId)).toMatchObject({
        status: 'scheduled',
        attempts: 1,
        lastError: 'the mail server is down',
      }),
    );
    expect(await effects()).not.toContain(`timer:${timerId}`);
    expect((await row(timerId)).dueAt).toEqual(new Date('2026-03-01T12:00:12.000Z'));

    clock.advance(10_000);
    await eventually(async () => expect(await row(timerId)).toMatchObject({ status: 'fired', attempts: 2 }));
    expect(errors).toHaveLength(1);
  });

  it('gives a timer up as failed after its last attempt, keeping the last error', async () => {
    await run({
      owner: 'doomed',
      maxAttempts: 2,
      retryMs: 1_000,
      onError: () => undefined,
      fire: async (_tx, timer) => {
        if (timer.localId === 'tick') throw new Error('never works');
      },
    });
    const timerId = await setTimer('doomed', 500);
    clock.advance(500);
    await eventually(async () => expect(await row(timerId)).toMatchObject({ attempts: 1 }));
    clock.advance(1_000);
    await eventually(async () =>
      expect(await row(timerId)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'never works' }),
    );
  });

  it("keeps firing after its LISTEN connection is cut (the pg client's error is handled, not thrown)", async () => {
    await run({ owner: 'cut', fire: effect });
    const cut = await db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'`,
    );
    expect(cut.length).toBeGreaterThan(0);
    const timerId = await setTimer('cut', 2_000);
    clock.advance(2_000);
    await eventually(async () => expect(await effects()).toContain(`timer:${timerId}`));
  });
});
