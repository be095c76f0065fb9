import { DataSource, EntityManager } from 'typeorm';
import { freshDatabaseUrl } from '@ledger/testing';
import { EventLog, LOG_START, NewEvent } from './event-log';
import { project, Projection } from './projection';
import { rebuildChangedInline } from './inline-rebuild';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

const TALLIES = { id: 'test-tallies', sql: `CREATE TABLE tallies (stream_id text PRIMARY KEY, total int NOT NULL)` };
const counted = (): NewEvent => ({ id: newId(), type: 'Counted', schemaVersion: 1, data: {}, metadata: {} });

/** Version 1 adds one per event; version 2 of the same read model adds ten (its definition changed). */
function tallies(version: number | undefined): Projection {
  const step = version === 2 ? 10 : 1;
  return {
    name: 'tallies',
    ...(version === undefined ? {} : { version }),
    handles: ['Counted'],
    async apply(tx: EntityManager, event) {
      await tx.query(
        `INSERT INTO tallies (stream_id, total) VALUES ($1, $2) ON CONFLICT (stream_id) DO UPDATE SET total = tallies.total + $2`,
        [event.streamId, step],
      );
    },
    async reset(tx: EntityManager) {
      await tx.query(`DELETE FROM tallies`);
    },
  };
}

describe('rebuilding inline read models whose definition changed', () => {
  let db: DataSource;
  const rows = () => db.query(`SELECT stream_id, total FROM tallies ORDER BY stream_id`);
  const recorded = async () =>
    (await db.query(`SELECT version FROM projection_versions WHERE name = 'tallies'`))[0]?.version;

  /** Appends and projects in one transaction, as the command handler keeps inline read models. */
  async function write(projection: Projection, streamId: string, count: number): Promise<void> {
    const log = new EventLog(db);
    await db.transaction(async (tx) => {
      await log.append(streamId, Array.from({ length: count }, counted), 'any', tx);
      const all = await log.readAll(LOG_START, 1_000, tx);
      await project(projection, tx, all.filter((e) => e.streamId === streamId).slice(-count));
    });
  }

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('inline_versions') });
    await migrate(db, [TALLIES]);
  });
  afterAll(() => db.destroy());

  it('only records the version on a fresh log, and does nothing while the version holds', async () => {
    expect(await rebuildChangedInline(db, [tallies(1)])).toEqual([]);
    expect(await recorded()).toBe(1);
    await write(tallies(1), 'a', 3);
    await write(tallies(1), 'b', 2);
    expect(await rebuildChangedInline(db, [tallies(undefined)])).toEqual([]); // no version means 1
    expect(await rows()).toEqual([
      { stream_id: 'a', total: 3 },
      { stream_id: 'b', total: 2 },
    ]);
  });

  it('replays the log into a read model whose version changed, once', async () => {
    expect(await rebuildChangedInline(db, [tallies(2)])).toEqual(['tallies']);
    expect(await rows()).toEqual([
      { stream_id: 'a', total: 30 },
      { stream_id: 'b', total: 20 },
    ]);
    expect(await recorded()).toBe(2);
    expect(await rebuildChangedInline(db, [tallies(2)])).toEqual([]);
  });

  it('rebuilds rows written before versions were recorded (no row in projection_versions)', async () => {
    await db.query(`DELETE FROM projection_versions`);
    await db.query(`UPDATE tallies SET total = -1`);
    expect(await rebuildChangedInline(db, [tallies(2)])).toEqual(['tallies']);
    expect(await rows()).toEqual([
      { stream_id: 'a', total: 30 },
      { stream_id: 'b', total: 20 },
    ]);
  });

  it('rebuilds once when several instances start together', async () => {
    await db.query(`UPDATE projection_versions SET version = 1`);
    const results = await Promise.all([1, 2, 3].map(() => rebuildChangedInline(db, [tallies(2)])));
    expect(results.flat()).toEqual(['tallies']);
    expect(await rows()).toEqual([
      { stream_id: 'a', total: 30 },
      { stream_id: 'b', total: 20 },
    ]);
  });
});
