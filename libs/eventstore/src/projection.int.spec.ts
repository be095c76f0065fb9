import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { EventLog, LogPosition, NewEvent, StoredEvent } from './event-log';
import { loadCheckpoint } from './checkpoints';
import { Projection, ProjectionRunner } from './projection';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

const event = (type: string, data: object = {}): NewEvent => ({
  id: newId(),
  type,
  schemaVersion: 1,
  data,
  metadata: {},
});

const COUNTED_ROWS = {
  id: 'test-counted-rows',
  sql: `CREATE TABLE counted_rows (
    event_id        uuid PRIMARY KEY,
    stream_id       text NOT NULL,
    stream_position int NOT NULL,
    global_position bigint NOT NULL,
    data            jsonb NOT NULL,
    created_at      timestamptz NOT NULL,
    -- How many rows of the stream existed when this one was applied: equals stream_position
    -- only if the stream's events were applied in order.
    nth_in_stream   int NOT NULL,
    -- A second apply of the same event shows as applied = 2.
    applied         int NOT NULL
  )`,
};

/** A read model with one row per Counted event; Ignored events pass by. */
function countedRows(name: string, failWhen: (event: StoredEvent) => boolean = () => false): Projection {
  return {
    name,
    handles: ['Counted'],
    async apply(tx: EntityManager, e: StoredEvent) {
      await tx.query(
        `INSERT INTO counted_rows (event_id, stream_id, stream_position, global_position, data, created_at, nth_in_stream, applied)
         VALUES ($1, $2, $3, $4, $5, $6, (SELECT count(*) + 1 FROM counted_rows WHERE stream_id = $2), 1)
         ON CONFLICT (event_id) DO UPDATE SET applied = counted_rows.applied + 1`,
        [e.id, e.streamId, e.streamPosition, e.globalPosition, e.data, e.createdAt],
      );
      if (failWhen(e)) throw new Error(`cannot project ${e.streamId}@${e.streamPosition}`);
    },
    async reset(tx: EntityManager) {
      await tx.query(`DELETE FROM counted_rows`);
    },
  };
}

describe('projection runner', () => {
  let url: string;
  let db: DataSource;
  let log: EventLog;
  const runners: ProjectionRunner[] = [];
  const runner = (projection: Projection, onError?: (name: string, error: unknown) => void): ProjectionRunner => {
    const created = new ProjectionRunner(db, [projection], { databaseUrl: url, batchSize: 25, pollMs: 50, onError });
    runners.push(created);
    return created;
  };
  const rows = () => db.query(`SELECT * FROM counted_rows ORDER BY event_id`);
  const lastCommitted = async (): Promise<LogPosition> =>
    (
      await db.query(`SELECT transaction_id::text AS "transactionId", global_position::text AS "globalPosition"
        FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1`)
    )[0];
  const appendConcurrently = async (streams: string[], perStream: number, from = 0) => {
    await Promise.all(
      streams.map(async (stream) => {
        for (let version = from; version < from + perStream; version++) {
          const type = version % 5 === 4 ? 'Ignored' : 'Counted';
          await log.append(stream, [event(type, { n: version + 1 })], version === 0 ? 'no_stream' : version);
        }
      }),
    );
  };
  // Rows whose nth_in_stream differs from the event's rank among its stream's Counted events.
  const outOfStreamOrder = () =>
    db.query(`SELECT r.event_id FROM counted_rows r
      JOIN (SELECT event_id, row_number() OVER (PARTITION BY stream_id ORDER BY stream_position) AS nth
            FROM events WHERE event_type = 'Counted') e USING (event_id)
      WHERE r.nth_in_stream <> e.nth`);
  const countedIn = async () =>
    Number((await db.query(`SELECT count(*) AS n FROM events WHERE event_type = 'Counted'`))[0].n);

  beforeEach(async () => {
    url = freshDatabaseUrl('projection');
    db = await openDatabase({ url, poolSize: 10 });
    await migrate(db, [COUNTED_ROWS]);
    log = new EventLog(db);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await db.destroy();
  });

  it('applies every event exactly once, in stream order, while events are appended', async () => {
    // Two instances of the same projection: if the checkpoint were stored outside the apply's
    // transaction (or the instances did not serialise), one would re-apply the other's batch
    // and some row would show applied = 2.
    const projection = countedRows('counted');
    const pair = [runner(projection), runner(projection)];
    await Promise.all(pair.map((r) => r.start()));
    await appendConcurrently(['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6'], 50);

    const expected = await countedIn();
    await eventually(async () => expect(await rows()).toHaveLength(expected));
    const applied = await rows();
    expect(applied.filter((r: { applied: number }) => r.applied !== 1)).toEqual([]);
    expect(await outOfStreamOrder()).toEqual([]);
    await eventually(async () => expect(await loadCheckpoint(db, 'projection:counted')).toEqual(await lastCommitted()));
  });

  it('rebuilds the read model from the log into identical rows', async () => {
    await appendConcurrently(['r-1', 'r-2', 'r-3'], 40);
    const projection = countedRows('rebuilt');
    await runner(projection).catchUp();
    const before = await rows();
    expect(before).toHaveLength(await countedIn());

    await runner(projection).rebuild(projection);
    // Without the reset the rows would show applied = 2; without dropping the checkpoint the
    // replay would read nothing and the table would stay empty.
    expect(await rows()).toEqual(before);
  });

  it('replays from the start a read model whose definition version changed, and keeps one whose version holds', async () => {
    await appendConcurrently(['v-1', 'v-2'], 10);
    const first = runner(countedRows('versioned'));
    await first.start();
    await eventually(async () => expect(await rows()).toHaveLength(await countedIn()));
    await first.stop();
    const before = await rows();

    // Same version: the rows are left as they are (marked, so a reset and replay would show).
    await db.query(`UPDATE counted_rows SET applied = 7`);
    const same = runner(countedRows('versioned'));
    await same.start();
    await same.stop();
    expect((await rows()).every((r: { applied: number }) => r.applied === 7)).toBe(true);

    // Version 2: the rows are emptied and the log replayed into them.
    const changed = runner({ ...countedRows('versioned'), version: 2 });
    await changed.start();
    await eventually(async () => expect(await rows()).toEqual(before));
    expect((await db.query(`SELECT version FROM projection_versions WHERE name = 'versioned'`))[0].version).toBe(2);
  });

  it('catches up on everything committed before the call, even behind an older open transaction', async () => {
    const projection = countedRows('behind');
    const older = new Client({ connectionString: url });
    await older.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()'); // holds an xid older than the events below
      await appendConcurrently(['b-1', 'b-2'], 10);
      const catchingUp = runner(projection);
      const steps: number[] = [];
      const step = catchingUp.step.bind(catchingUp);
      catchingUp.step = async (p) => {
        const moved = await step(p);
        steps.push(moved);
        return moved;
      };
      const caughtUp = catchingUp.catchUp();
      await eventually(() => expect(steps).toContain(0)); // it has found nothing readable yet
      await older.query('COMMIT');
      await caughtUp;
      // A catch-up that took "nothing readable" for "nothing left" returned before the commit,
      // with none of these rows.
      expect(await rows()).toHaveLength(await countedIn());
    } finally {
      await older.end();
    }
  });

  it('rolls a failed batch back with its checkpoint, and catches up once the failure is fixed', async () => {
    await appendConcurrently(['f-1'], 10);
    let broken = true;
    const projection = countedRows('failing', (e) => broken && e.streamPosition === 23);
    await runner(projection).catchUp();
    const checkpoint = await loadCheckpoint(db, 'projection:failing');
    const applied = await rows();
    expect(applied).toHaveLength(8);

    // Events 11..30 arrive in one batch; event 23 fails after 11..22 were applied in it. (Wait
    // until all 20 are readable: another test's open transaction may hold the horizon back.)
    await appendConcurrently(['f-1'], 20, 10);
    await eventually(async () => expect(await log.readCommitted(checkpoint, 100)).toHaveLength(20));
    await expect(runner(projection).step(projection)).rejects.toThrow(/f-1@23/);
    // A checkpoint or rows committed per event (or before the batch finished) would show here.
    expect(await rows()).toEqual(applied);
    expect(await loadCheckpoint(db, 'projection:failing')).toEqual(checkpoint);

    // Running, it retries the failed batch one event at a time: 11..22 go in, 23 fails alone.
    const errors: string[] = [];
    const running = runner(projection, (name) => errors.push(name));
    await running.start();
    await eventually(() => expect(errors.length).toBeGreaterThanOrEqual(2));
    const positions = (await rows()).map((r: { stream_position: number }) => r.stream_position);
    expect(positions.sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 22 }, (_, i) => i + 1).filter((p) => p % 5 !== 0),
    );

    broken = false;
    await eventually(async () => expect(await rows()).toHaveLength(await countedIn()));
    expect((await rows()).every((r: { applied: number }) => r.applied === 1)).toBe(true);
    await eventually(async () => expect(await loadCheckpoint(db, 'projection:failing')).toEqual(await lastCommitted()));
  });
});
