import { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '@ledger/testing';
import { CommandHandler } from './command-handler';
import { ValidationError } from '@ledger/contracts';
import { catalog, Counter, counter, increment } from './counter.fixture';
import { EventLog } from './event-log';
import { SnapshotPolicy } from './snapshots';
import { Projection } from './projection';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

// Group commit: commands waiting for a transaction slot share the next one (stream-batches.ts).
describe('command handler, group commit', () => {
  let db: DataSource;
  let log: EventLog;
  const handler = (decider = counter, snapshot?: SnapshotPolicy<Counter>, inline?: Projection[]) =>
    new CommandHandler(db, { decider, source: 'test', catalog, newEventId: newId, snapshot, inline });
  const transactionsOf = async (streamId: string) =>
    new Set((await log.readStream(streamId)).map((e) => e.transactionId)).size;

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('group_commit'), poolSize: 20 });
    await migrate(db);
    log = new EventLog(db);
  });
  afterAll(() => db.destroy());

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
      const [snapshot] = await db.query(
        `SELECT stream_version::int AS version, state FROM snapshots WHERE stream_id = 'batch-1'`,
      );
      expect(snapshot.state.count).toBe(snapshot.version);
    });

    it('refuses one command of a batch without touching the others', async () => {
      const one = handler();
      const results = await Promise.allSettled(
        [1, 1, -1, 2, 1].map((times) => one.handle('batch-2', increment(times))),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
      expect((await log.readStream('batch-2')).map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
    });

    it('handles a commandId repeated inside one batch once', async () => {
      const one = handler();
      const handled = await Promise.all(
        Array.from({ length: 10 }, (_, i) => one.handle('batch-3', increment(1, i % 2 ? 'dup-odd' : `id-${i}`))),
      );
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
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      const stored = await log.readStream('batch-4');
      expect(stored.map((e) => [e.data.n, e.metadata.commandId])).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
        [4, 'd'],
        [5, 'e'],
      ]);
      expect(await handler().handle('batch-4', increment(1, 'poison'))).toMatchObject({ duplicate: false, version: 6 });
    });
  });

  describe('group commit across streams', () => {
    it('commits commands of many streams together, each stream decided in turn', async () => {
      const one = handler(counter, { every: 3, schemaVersion: 1 });
      const streams = Array.from({ length: 40 }, (_, i) => `multi-${i}`);
      const handled = await Promise.all(
        streams.flatMap((streamId) => [1, 2, 3, 4].map(() => one.handle(streamId, increment()))),
      );
      expect(handled).toHaveLength(160);
      for (const streamId of streams) {
        expect((await log.readStream(streamId)).map((e) => e.data.n)).toEqual([1, 2, 3, 4]);
        expect(await handler(counter, { every: 3, schemaVersion: 1 }).load(db.manager, streamId)).toEqual({
          version: 4,
          state: { count: 4, total: 10 },
        });
      }
      const [shared] = await db.query(
        `SELECT count(DISTINCT stream_id)::int AS streams FROM events WHERE stream_id LIKE 'multi-%' GROUP BY transaction_id ORDER BY 1 DESC LIMIT 1`,
      );
      expect(shared.streams).toBeGreaterThan(1);
    });

    it("keeps one stream's failure from failing the others in its batch", async () => {
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
      const results = await Promise.allSettled(
        streams.flatMap((streamId) => [one.handle(streamId, increment()), one.handle(streamId, increment())]),
      );
      expect(results.map((r) => r.status)).toEqual(
        streams.flatMap((s) => (s === 'cross-poison' ? ['rejected', 'rejected'] : ['fulfilled', 'fulfilled'])),
      );
      for (const streamId of ['cross-a', 'cross-b', 'cross-c']) expect(await log.streamVersion(streamId)).toBe(2);
      expect(await log.readStream('cross-poison')).toEqual([]);
    });
  });

  it('does not run a batch again when its COMMIT fails: the commit may have happened, so every caller gets the error', async () => {
    // A deferred unique key is checked at COMMIT: the only way to make COMMIT itself fail here.
    await db.query(
      `CREATE TABLE deferred_check (k int, CONSTRAINT deferred_once UNIQUE (k) DEFERRABLE INITIALLY DEFERRED)`,
    );
    const atCommit: Projection = {
      name: 'at-commit',
      handles: ['Incremented'],
      apply: async (tx, event) => {
        if (String(event.metadata.commandId).startsWith('twice'))
          await tx.query(`INSERT INTO deferred_check VALUES (1)`);
      },
      reset: async () => undefined,
    };
    const one = handler(counter, undefined, [atCommit]);
    const ids = ['first', 'twice-a', 'twice-b', 'other'];
    const results = await Promise.allSettled(ids.map((id) => one.handle('commit-fails', increment(1, id))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    expect((await log.readStream('commit-fails')).map((e) => e.metadata.commandId)).toEqual(['first']);
  });
});
