import { DataSource } from 'typeorm';
import { ConflictError } from '@ledger/contracts';
import { freshDatabaseUrl } from '@ledger/testing';
import { EventLog, NewEvent } from './event-log';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

const event = (type = 'Happened', data: object = {}): NewEvent => ({
  id: newId(),
  type,
  schemaVersion: 1,
  data,
  metadata: {},
});

describe('event log', () => {
  let db: DataSource;
  let log: EventLog;

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('event_log') });
    await migrate(db);
    log = new EventLog(db);
  });
  afterAll(() => db.destroy());

  it('appends to a new stream and reads it back in order', async () => {
    const result = await log.append('order-1', [event('A', { n: 1 }), event('B', { n: 2 })], 'no_stream');
    expect(result.nextExpectedVersion).toBe(2);
    const read = await log.readStream('order-1');
    expect(read.map((e) => [e.type, e.streamPosition, e.data])).toEqual([
      ['A', 1, { n: 1 }],
      ['B', 2, { n: 2 }],
    ]);
  });

  it('rejects an append at a stale version with a typed conflict and writes nothing', async () => {
    await log.append('order-2', [event()], 'no_stream');
    await log.append('order-2', [event()], 1);
    await expect(log.append('order-2', [event()], 1)).rejects.toBeInstanceOf(ConflictError);
    await expect(log.append('order-2', [event()], 'no_stream')).rejects.toBeInstanceOf(ConflictError);
    await expect(log.append('order-404', [event()], 3)).rejects.toBeInstanceOf(ConflictError);
    expect(await log.streamVersion('order-2')).toBe(2);
    expect(await log.readStream('order-2')).toHaveLength(2);
  });

  it('appends with any expectation', async () => {
    await log.append('order-3', [event()], 'any');
    await log.append('order-3', [event()], 'any');
    expect(await log.streamVersion('order-3')).toBe(2);
  });

  it('lets exactly one of many concurrent writers with the same expectation win', async () => {
    await log.append('order-4', [event()], 'no_stream');
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => log.append('order-4', [event()], 1)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(
      outcomes
        .filter((o) => o.status === 'rejected')
        .every((o) => (o as PromiseRejectedResult).reason instanceof ConflictError),
    ).toBe(true);
    expect(await log.streamVersion('order-4')).toBe(2);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the events table (append-only)', async () => {
    await log.append('order-5', [event('A', { n: 1 })], 'no_stream');
    await expect(db.query(`UPDATE events SET data = '{"n":2}' WHERE stream_id = 'order-5'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`DELETE FROM events WHERE stream_id = 'order-5'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
    expect((await log.readStream('order-5'))[0].data).toEqual({ n: 1 });
  });

  describe('appending to several streams in one statement', () => {
    it('continues existing streams and starts new ones, each from its own version', async () => {
      await log.append('many-1', [event('A')], 'no_stream');
      const positions = await db.transaction((tx) =>
        log.appendToStreams(
          [
            { streamId: 'many-1', expected: 1, events: [event('B', { n: 2 }), event('C', { n: 3 })] },
            { streamId: 'many-2', expected: 0, events: [event('A', { n: 1 })] },
          ],
          tx,
        ),
      );
      expect(positions.map((p) => p.length)).toEqual([2, 1]);
      expect((await log.readStream('many-1')).map((e) => [e.streamPosition, e.type, e.globalPosition])).toEqual([
        [1, 'A', expect.any(String)],
        [2, 'B', positions[0][0]],
        [3, 'C', positions[0][1]],
      ]);
      expect((await log.readStream('many-2')).map((e) => e.streamPosition)).toEqual([1]);
      expect([await log.streamVersion('many-1'), await log.streamVersion('many-2')]).toEqual([3, 1]);
    });

    it('writes nothing when one stream is not where it was expected', async () => {
      await log.append('many-3', [event('A')], 'no_stream');
      for (const wrong of [
        { streamId: 'many-3', expected: 5 },
        { streamId: 'many-3', expected: 0 },
      ]) {
        const attempt = db.transaction((tx) =>
          log.appendToStreams(
            [
              { streamId: 'many-4', expected: 0, events: [event()] },
              { ...wrong, events: [event()] },
            ],
            tx,
          ),
        );
        await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      }
      expect(await log.readStream('many-4')).toEqual([]);
      expect(await log.streamVersion('many-3')).toBe(1);
    });
  });
});
