import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Command, Decider, defineMessage, DomainEvent, MessageCatalog, ValidationError } from '@ledger/contracts';
import { freshDatabaseUrl } from '@ledger/testing';
import { CommandHandler } from './command-handler';
import { EventLog } from './event-log';
import { SnapshotPolicy } from './snapshots';
import { Projection } from './projection';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

type Increment = Command<'Increment', { times: number }>;
type Incremented = DomainEvent<'Incremented', { n: number }>;
interface Counter {
  count: number;
  /** Sum of every n seen: depends on each event, so a lost or doubled one changes it. */
  total: number;
}

// n is what the decision believed the next count to be: two decisions on the same state would
// write the same n, which shows as n !== stream position.
const counter: Decider<Increment, Incremented, Counter> = {
  initialState: () => ({ count: 0, total: 0 }),
  decide: (command, state) => {
    if (command.data.times < 0) throw new ValidationError('times: must not be negative');
    return Array.from({ length: command.data.times }, (_, i) => ({ type: 'Incremented', data: { n: state.count + i + 1 } }));
  },
  evolve: (state, event) => ({ count: state.count + 1, total: state.total + event.data.n }),
};

const catalog = new MessageCatalog([
  defineMessage({ type: 'Incremented', schemaVersion: 1, schema: z.object({ n: z.number().int() }), description: 'counted once more' }),
]);

const increment = (times = 1, commandId?: string): Increment => ({
  type: 'Increment',
  data: { times },
  metadata: {
    now: '2024-03-03T14:00:00.000Z',
    newId: newId(),
    actor: { id: 'tester', kind: 'user' },
    correlationId: newId(),
    causationId: null,
    ...(commandId ? { commandId } : {}),
  },
});

describe('command handler', () => {
  let db: DataSource;
  let log: EventLog;
  const handler = (decider = counter, snapshot?: SnapshotPolicy<Counter>, inline?: Projection[]) =>
    new CommandHandler(db, { decider, source: 'test', catalog, newEventId: newId, snapshot, inline });
  const transactionsOf = async (streamId: string) => new Set((await log.readStream(streamId)).map((e) => e.transactionId)).size;

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('command_handler'), poolSize: 20 });
    await migrate(db);
    log = new EventLog(db);
  });
  afterAll(() => db.destroy());

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
    expect(again).toMatchObject({ duplicate: true, version: 2, events: [], state: { count: 2, total: 3 } });
    expect(await log.readStream('counter-2')).toHaveLength(2);

    // Resent concurrently (a producer retrying): still one effect.
    const racing = await Promise.all(Array.from({ length: 10 }, () => handler().handle('counter-3', increment(1, 'cmd-3'))));
    expect(racing.filter((h) => !h.duplicate)).toHaveLength(1);
    expect(await log.readStream('counter-3')).toHaveLength(1);
  });

  it('snapshots every N events and loads snapshot + tail into the same state as a full replay', async () => {
    const policy: SnapshotPolicy<Counter> = { every: 10, schemaVersion: 1 };
    let evolved = 0;
    const counting = { ...counter, evolve: (state: Counter, event: Incremented) => (evolved++, counter.evolve(state, event)) };
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
    expect(await handler(counting, { ...policy, schemaVersion: 2 }).load(db.manager, 'counter-s')).toEqual(await replay());
    expect(evolved).toBe(32);
  });

  describe('group commit (one handler, one stream)', () => {
    it('commits concurrent commands in batches, decided in turn: positions 1..200, fewer commits than commands', async () => {
      const policy: SnapshotPolicy<Counter> = { every: 7, schemaVersion: 1 };
      const one = handler(counter, policy);
      const handled = await Promise.all(Array.from({ length: 200 }, () => one.handle('batch-1', increment())));
      const range = Array.from({ length: 200 }, (_, i) => i + 1);
      expect(handled.map((h) => h.version).sort((a, b) => a - b)).toEqual(range);
      expect(handled.every((h) => h.events.length === 1 && h.events[0].streamPosition === h.version)).toBe(true);
      const stored = await log.readStream('batch-1');
      expect(stored.map((e) => e.data.n)).toEqual(range);
      expect(await transactionsOf('batch-1')).toBeLessThan(200);
      const full = { version: 200, state: { count: 200, total: 20100 } };
      expect(await handler().load(db.manager, 'batch-1')).toEqual(full);
      // A batch crossing a snapshot boundary stores the state after its last event.
      expect(await handler(counter, policy).load(db.manager, 'batch-1')).toEqual(full);
      const [snapshot] = await db.query(`SELECT stream_version::int AS version, state FROM snapshots WHERE stream_id = 'batch-1'`);
      expect(snapshot.state.count).toBe(snapshot.version);
    });

    it('refuses one command of a batch without touching the others', async () => {
      const one = handler();
      const results = await Promise.allSettled([1, 1, -1, 2, 1].map((times) => one.handle('batch-2', increment(times))));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
      expect((await log.readStream('batch-2')).map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
    });

    it('handles a commandId repeated inside one batch once', async () => {
      const one = handler();
      const handled = await Promise.all(Array.from({ length: 10 }, (_, i) => one.handle('batch-3', increment(1, i % 2 ? 'dup-odd' : `id-${i}`))));
      expect(handled.filter((h) => h.duplicate)).toHaveLength(4);
      expect(await log.readStream('batch-3')).toHaveLength(6);
    });

    it('falls back to one transaction per command when the batch fails, so only the culprit fails', async () => {
      const picky: Projection = {
        name: 'picky',
        handles: ['Incremented'],
        apply: async (_tx, event) => {
          if (event.metadata.commandId === 'poison') throw new Error('this read model refuses the poison command');
        },
        reset: async () => undefined,
      };
      const one = handler(counter, undefined, [picky]);
      const ids = ['a', 'b', 'poison', 'c', 'd', 'e'];
      const results = await Promise.allSettled(ids.map((id) => one.handle('batch-4', increment(1, id))));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      const stored = await log.readStream('batch-4');
      expect(stored.map((e) => [e.data.n, e.metadata.commandId])).toEqual([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd'], [5, 'e']]);
      expect(await handler().handle('batch-4', increment(1, 'poison'))).toMatchObject({ duplicate: false, version: 6 });
    });
  });

  describe('group commit across streams', () => {
    it('commits commands of many streams together, each stream decided in turn', async () => {
      const one = handler(counter, { every: 3, schemaVersion: 1 });
      const streams = Array.from({ length: 40 }, (_, i) => `multi-${i}`);
      const handled = await Promise.all(streams.flatMap((streamId) => [1, 2, 3, 4].map(() => one.handle(streamId, increment()))));
      expect(handled).toHaveLength(160);
      for (const streamId of streams) {
        expect((await log.readStream(streamId)).map((e) => e.data.n)).toEqual([1, 2, 3, 4]);
        expect(await handler(counter, { every: 3, schemaVersion: 1 }).load(db.manager, streamId)).toEqual({ version: 4, state: { count: 4, total: 10 } });
      }
      const [shared] = await db.query(
        `SELECT count(DISTINCT stream_id)::int AS streams FROM events WHERE stream_id LIKE 'multi-%' GROUP BY transaction_id ORDER BY 1 DESC LIMIT 1`,
      );
      expect(shared.streams).toBeGreaterThan(1);
    });

    it('keeps one stream\'s failure from failing the others in its batch', async () => {
      const picky: Projection = {
        name: 'picky-streams',
        handles: ['Incremented'],
        apply: async (_tx, event) => {
          if (event.streamId === 'cross-poison') throw new Error('this read model refuses that stream');
        },
        reset: async () => undefined,
      };
      const one = handler(counter, undefined, [picky]);
      const streams = ['cross-a', 'cross-poison', 'cross-b', 'cross-c'];
      const results = await Promise.allSettled(streams.flatMap((streamId) => [one.handle(streamId, increment()), one.handle(streamId, increment())]));
      expect(results.map((r) => r.status)).toEqual(streams.flatMap((s) => (s === 'cross-poison' ? ['rejected', 'rejected'] : ['fulfilled', 'fulfilled'])));
      for (const streamId of ['cross-a', 'cross-b', 'cross-c']) expect(await log.streamVersion(streamId)).toBe(2);
      expect(await log.readStream('cross-poison')).toEqual([]);
    });
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
    const together = await Promise.all([a.handle('elsewhere', increment()), a.handle('two-writers', increment(0)), a.handle('two-writers', increment(0))]);
    expect(together.map((h) => h.version)).toEqual([1, 3, 3]);
  });
});
