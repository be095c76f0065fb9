import { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '@ledger/testing';
import { CommandHandler } from './command-handler';
import { catalog, Counter, counter, increment, Incremented } from './counter.fixture';
import { EventLog } from './event-log';
import { SnapshotPolicy } from './snapshots';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

describe('command handler', () => {
  let db: DataSource;
  let log: EventLog;
  const handler = (decider = counter, snapshot?: SnapshotPolicy<Counter>) =>
    new CommandHandler(db, { decider, source: 'test', catalog, newEventId: newId, snapshot });

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('command_handler'), poolSize: 20 });
    await migrate(db);
    log = new EventLog(db);
  });
  afterAll(() => db.destroy());

  it('refuses, before anything is written, an event its own schema refuses', async () => {
    const broken = { ...counter, decide: () => [{ type: 'Incremented', data: { n: 1.5 } } as Incremented] };
    await expect(handler(broken).handle('counter-invalid', increment())).rejects.toThrow(
      /Incremented payload is invalid/,
    );
    expect(await log.readStream('counter-invalid')).toEqual([]);
  });

  it('gives 100 concurrent commands on one stream positions 1..100, each once, with no lost update', async () => {
    const handled = await Promise.all(Array.from({ length: 100 }, () => handler().handle('counter-1', increment())));
    const range = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(handled.map((h) => h.version).sort((a, b) => a - b)).toEqual(range);

    const stored = await log.readStream('counter-1');
    expect(stored.map((e) => e.streamPosition)).toEqual(range);
    expect(stored.map((e) => e.data.n)).toEqual(range);
    expect(await log.streamVersion('counter-1')).toBe(100);
  });

  it('handles a repeated commandId once: the repeat is a duplicate and appends nothing', async () => {
    const first = await handler().handle('counter-2', increment(2, 'cmd-2'));
    expect(first).toMatchObject({ duplicate: false, version: 2 });

    const again = await handler().handle('counter-2', increment(2, 'cmd-2'));
    expect(again).toMatchObject({ duplicate: true, version: 2, state: { count: 2, total: 3 } });
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await log.readStream('counter-2')).toHaveLength(2);

    // Resent concurrently (a producer retrying): still one effect.
    const racing = await Promise.all(
      Array.from({ length: 10 }, () => handler().handle('counter-3', increment(1, 'cmd-3'))),
    );
    expect(racing.filter((h) => !h.duplicate)).toHaveLength(1);
    expect(await log.readStream('counter-3')).toHaveLength(1);
  });

  it('snapshots every N events and loads snapshot + tail into the same state as a full replay', async () => {
    const policy: SnapshotPolicy<Counter> = { every: 10, schemaVersion: 1 };
    let evolved = 0;
    const counting = {
      ...counter,
      evolve: (state: Counter, event: Incremented) => (evolved++, counter.evolve(state, event)),
    };
    const snapshotting = handler(counting, policy);
    for (let i = 0; i < 25; i++) await snapshotting.handle('counter-s', increment());

    const snapshotRow = async () =>
      (await db.query(`SELECT stream_version::int AS version, state FROM snapshots WHERE stream_id = 'counter-s'`))[0];
    const replay = async () => handler().load(db.manager, 'counter-s');
    expect(await snapshotRow()).toEqual({ version: 20, state: { count: 20, total: 210 } });

    // A snapshot of the wrong state or version, or a tail read from the wrong position, differs
    // from the full replay; evolving all 25 events would mean the snapshot was not used.
    evolved = 0;
    const fromSnapshot = await snapshotting.load(db.manager, 'counter-s');
    expect(evolved).toBe(5);
    expect(fromSnapshot).toEqual(await replay());
    expect(fromSnapshot).toEqual({ version: 25, state: { count: 25, total: 325 } });

    // One command whose events cross the boundary (25 → 32) snapshots the state after all of them.
    await snapshotting.handle('counter-s', increment(7));
    expect(await snapshotRow()).toEqual({ version: 32, state: { count: 32, total: 528 } });
    expect(await snapshotting.load(db.manager, 'counter-s')).toEqual(await replay());

    // A new state shape (schemaVersion) ignores the old snapshot and replays everything.
    evolved = 0;
    expect(await handler(counting, { ...policy, schemaVersion: 2 }).load(db.manager, 'counter-s')).toEqual(
      await replay(),
    );
    expect(evolved).toBe(32);
  });

  it('never decides on a state another process has moved past, even when nothing is appended', async () => {
    const a = new CommandHandler(db, { decider: counter, source: 'test', catalog, newEventId: newId, maxInFlight: 1 });
    const b = handler();
    await a.handle('two-writers', increment());
    await b.handle('two-writers', increment());
    // A no-op decision appends nothing, so no expected-version check would catch a stale cache.
    expect(await a.handle('two-writers', increment(0))).toMatchObject({ version: 2, state: { count: 2 } });
    await b.handle('two-writers', increment());
    // Batched: one command elsewhere holds the only slot, so these two then go together.
    const together = await Promise.all([
      a.handle('elsewhere', increment()),
      a.handle('two-writers', increment(0)),
      a.handle('two-writers', increment(0)),
    ]);
    expect(together.map((h) => h.version)).toEqual([1, 3, 3]);
  });
});
