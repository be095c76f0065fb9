import { DataSource, EntityManager } from 'typeorm';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { EventLog, LogPosition, StoredEvent } from './event-log';
import { loadCheckpoint } from './checkpoints';
import { Projection, ProjectionRunner } from './projection';
import { parkedEvents } from './projection-parking';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

const SEEN = { id: 'test-seen', sql: `CREATE TABLE seen (event_id uuid PRIMARY KEY, n int NOT NULL)` };

/** A read model of every Counted event's n, whose apply fails as `fail` says. */
function seen(fail: (event: StoredEvent) => Promise<void> | void): Projection {
  return {
    name: 'seen',
    handles: ['Counted'],
    async apply(tx: EntityManager, event: StoredEvent) {
      await tx.query(`INSERT INTO seen (event_id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [event.id, event.data.n]);
      await fail(event);
    },
    reset: async (tx: EntityManager) => void (await tx.query(`DELETE FROM seen`)),
  };
}

describe('a projection that keeps failing on one event', () => {
  let url: string;
  let db: DataSource;
  let running: ProjectionRunner | undefined;

  beforeEach(async () => {
    url = freshDatabaseUrl('parking');
    db = await openDatabase({ url, poolSize: 5 });
    await migrate(db, [SEEN]);
    // One transaction: the runner's first batch holds all 30, so the culprit must be found in it.
    const events = Array.from({ length: 30 }, (_, i) => ({
      id: newId(),
      type: i % 7 === 6 ? 'Ignored' : 'Counted',
      schemaVersion: 1,
      data: { n: i + 1 },
      metadata: {},
    }));
    await new EventLog(db).append('counter-1', events, 'no_stream');
  });
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await db.destroy();
  });

  const run = async (projection: Projection, parkAfterAttempts?: number) => {
    const parked: string[] = [];
    running = new ProjectionRunner(db, [projection], {
      databaseUrl: url,
      pollMs: 50,
      parkAfterAttempts,
      onParked: (_name, event) => parked.push(String(event.data.n)),
    });
    await running.start();
    return parked;
  };
  const ns = async () => (await db.query(`SELECT n FROM seen ORDER BY n`)).map((row: { n: number }) => row.n);
  const counted = (except: number[] = []) =>
    Array.from({ length: 30 }, (_, i) => i + 1).filter((n) => n % 7 !== 0 && !except.includes(n));
  const head = async (): Promise<LogPosition> =>
    (
      await db.query(`SELECT transaction_id::text AS "transactionId", global_position::text AS "globalPosition"
        FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`)
    )[0];

  it('parks it with its error after the retry budget, and applies every event around it', async () => {
    const projection = seen((event) => {
      if (event.data.n === 13) throw new TypeError('cannot read the 13th');
    });
    const parked = await run(projection, 3);

    await eventually(async () => expect(await ns()).toEqual(counted([13])));
    expect(parked).toEqual(['13']);
    expect(await parkedEvents(db)).toEqual([
      expect.objectContaining({
        projection: 'seen',
        eventType: 'Counted',
        streamId: 'counter-1',
        error: 'cannot read the 13th',
        attempts: 3,
      }),
    ]);
    expect(await loadCheckpoint(db, 'projection:seen')).toEqual(await head());
  });

  it('applies the events before the culprit while it retries it, and only it, without parking a fixed one', async () => {
    let broken = true;
    const parked = await run(
      seen((event) => {
        if (broken && event.data.n === 20) throw new Error('not yet');
      }),
    );
    await eventually(async () => expect(await ns()).toEqual(counted().filter((n) => n < 20)));
    broken = false;
    await eventually(async () => expect(await ns()).toEqual(counted()));
    expect(parked).toEqual([]);
    expect(await parkedEvents(db)).toEqual([]);
  });

  it('never parks an event over an error that says the database, not the event, is at fault', async () => {
    let attempts = 0;
    const projection = seen(async (event) => {
      if (event.data.n !== 9) return;
      attempts++;
      // A table that is not there (42P01): a release whose migration has not run yet.
      if (attempts <= 4) await db.query(`SELECT * FROM not_migrated_yet`);
    });
    const parked = await run(projection, 2);
    await eventually(async () => expect(await ns()).toEqual(counted()), { timeoutMs: 30_000 });
    expect(attempts).toBe(5);
    expect(parked).toEqual([]);
    expect(await parkedEvents(db)).toEqual([]);
  });

  it('forgets what it parked when the read model is rebuilt, since the rebuild applies those events again', async () => {
    let broken = true;
    const projection = seen((event) => {
      if (broken && event.data.n === 2) throw new RangeError('two is out of range');
    });
    await run(projection, 2);
    await eventually(async () => expect(await parkedEvents(db, 'seen')).toHaveLength(1));
    await running?.stop();
    running = undefined;

    broken = false;
    await new ProjectionRunner(db, [projection], { databaseUrl: url }).rebuild(projection);
    expect(await ns()).toEqual(counted());
    expect(await parkedEvents(db)).toEqual([]);
  });
});
