import { DataSource } from 'typeorm';
import { Envelope } from '@ledger/contracts';
import { freshDatabaseUrl } from '@ledger/testing';
import { Delivery, loadOffsets, receiveAllIntoInbox, receiveIntoInbox, ReceivedMessage } from './inbox';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

const TOPIC = 'registry.events';

function envelope(source: string, streamId: string, streamVersion: number, id = newId()): Envelope {
  return {
    id,
    type: 'VersionCreated',
    schemaVersion: 1,
    source,
    streamId,
    streamVersion,
    occurredAt: '2025-01-01T00:00:00.000Z',
    actor: { id: 'tester', kind: 'service' },
    correlationId: 'c-1',
    causationId: null,
    data: { streamId, streamVersion },
  };
}

const message = (consumer: string, e: Envelope, partition: number, offset: string): ReceivedMessage => ({
  envelope: e,
  delivery: { consumer, topic: TOPIC, partition, offset } satisfies Delivery,
});

/** The inbox as the test compares it: per stream, positions in order, with the source version. */
async function inbox(db: DataSource, source: string) {
  const events: { stream_id: string; stream_position: string; event_id: string; data: { streamVersion: number } }[] =
    await db.query(
      `SELECT stream_id, stream_position, event_id::text, data FROM events WHERE stream_id LIKE $1 ORDER BY global_position`,
      [`inbox-${source}-%`],
    );
  const streams: { stream_id: string; version: string }[] = await db.query(
    `SELECT stream_id, version FROM streams WHERE stream_id LIKE $1 ORDER BY stream_id`,
    [`inbox-${source}-%`],
  );
  return {
    // In global order, so appends also follow batch order across streams.
    events: events.map((e) => [
      e.stream_id.slice(`inbox-${source}-`.length),
      Number(e.stream_position),
      e.data.streamVersion,
    ]),
    versions: Object.fromEntries(streams.map((s) => [s.stream_id.slice(`inbox-${source}-`.length), Number(s.version)])),
  };
}

/**
 * One scenario, built with fresh ids per source: an id received before the batch, then a batch
 * over two source streams and two partitions with that old id and an id repeated inside it.
 */
function scenario(source: string, consumer: string) {
  const old = envelope(source, 'rm-1', 1);
  const a = envelope(source, 'rm-1', 2);
  const b = envelope(source, 'rm-2', 1);
  const c = envelope(source, 'rm-1', 3);
  const d = envelope(source, 'rm-2', 2);
  const before = message(consumer, old, 1, '4');
  const batch = [
    message(consumer, a, 0, '10'),
    message(consumer, b, 0, '11'),
    message(consumer, a, 0, '12'), // repeated inside the batch
    message(consumer, old, 1, '5'), // received before the batch
    message(consumer, c, 0, '13'),
    message(consumer, d, 1, '6'),
    message(consumer, b, 1, '7'), // a duplicate is the partition's last message: its offset still counts
  ];
  return { before, batch, ids: { old, a, b, c, d } };
}

describe('inbox', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('inbox') });
    await migrate(db);
  });
  afterAll(() => db.destroy());

  it('receives a batch in one statement exactly as one by one, skipping known and repeated ids', async () => {
    const batched = scenario('batched', 'validator-batched');
    expect(await receiveIntoInbox(db, batched.before.envelope, batched.before.delivery)).toBe(true);
    expect(await receiveAllIntoInbox(db, batched.batch)).toBe(4);

    const expected = {
      events: [
        ['rm-1', 1, 1],
        ['rm-1', 2, 2],
        ['rm-2', 1, 1],
        ['rm-1', 3, 3],
        ['rm-2', 2, 2],
      ],
      versions: { 'rm-1': 3, 'rm-2': 2 },
    };
    expect(await inbox(db, 'batched')).toEqual(expected);
    expect(await loadOffsets(db, 'validator-batched', TOPIC)).toEqual(
      new Map([
        [0, '13'],
        [1, '7'],
      ]),
    );
    const ids: { event_id: string }[] = await db.query(
      `SELECT event_id::text FROM events WHERE stream_id LIKE 'inbox-batched-%' ORDER BY global_position`,
    );
    const { old, a, b, c, d } = batched.ids;
    expect(ids.map((r) => r.event_id)).toEqual([old.id, a.id, b.id, c.id, d.id]);

    // The reference: the same messages received one at a time.
    const single = scenario('single', 'validator-single');
    let count = 0;
    for (const m of [single.before, ...single.batch])
      if (await receiveIntoInbox(db, m.envelope, m.delivery)) count += 1;
    expect(count).toBe(5);
    expect(await inbox(db, 'single')).toEqual(expected);
    expect(await loadOffsets(db, 'validator-single', TOPIC)).toEqual(await loadOffsets(db, 'validator-batched', TOPIC));
  });

  it('continues existing inbox streams and starts new ones in a later batch', async () => {
    const consumer = 'validator-continue';
    await receiveAllIntoInbox(db, [
      message(consumer, envelope('cont', 'rm-1', 1), 0, '1'),
      message(consumer, envelope('cont', 'rm-2', 1), 0, '2'),
    ]);
    const appended = await receiveAllIntoInbox(db, [
      message(consumer, envelope('cont', 'rm-3', 1), 0, '3'),
      message(consumer, envelope('cont', 'rm-2', 2), 0, '4'),
      message(consumer, envelope('cont', 'rm-2', 3), 0, '5'),
    ]);
    expect(appended).toBe(3);
    expect(await inbox(db, 'cont')).toEqual({
      events: [
        ['rm-1', 1, 1],
        ['rm-2', 1, 1],
        ['rm-3', 1, 1],
        ['rm-2', 2, 2],
        ['rm-2', 3, 3],
      ],
      versions: { 'rm-1': 1, 'rm-2': 3, 'rm-3': 1 },
    });
    expect(await loadOffsets(db, consumer, TOPIC)).toEqual(new Map([[0, '5']]));
  });

  it('appends nothing for a batch of duplicates but still moves the offsets', async () => {
    const consumer = 'validator-dup';
    const a = envelope('dup', 'rm-1', 1);
    const b = envelope('dup', 'rm-1', 2);
    expect(await receiveAllIntoInbox(db, [message(consumer, a, 0, '1'), message(consumer, b, 2, '9')])).toBe(2);
    const before = await inbox(db, 'dup');

    expect(
      await receiveAllIntoInbox(db, [
        message(consumer, b, 0, '2'),
        message(consumer, a, 0, '3'),
        message(consumer, a, 2, '10'),
      ]),
    ).toBe(0);
    expect(await receiveIntoInbox(db, a, { consumer, topic: TOPIC, partition: 3, offset: '1' })).toBe(false);
    expect(await inbox(db, 'dup')).toEqual(before);
    expect(await loadOffsets(db, consumer, TOPIC)).toEqual(
      new Map([
        [0, '3'],
        [2, '10'],
        [3, '1'],
      ]),
    );
  });

  it('stores nothing of a batch when one of its messages fails', async () => {
    const consumer = 'validator-atomic';
    const good = envelope('atomic', 'rm-1', 1);
    const bad = { ...envelope('atomic', 'rm-1', 2), id: 'not-a-uuid' };
    await expect(
      receiveAllIntoInbox(db, [message(consumer, good, 0, '1'), message(consumer, bad, 0, '2')]),
    ).rejects.toThrow();
    expect(await inbox(db, 'atomic')).toEqual({ events: [], versions: {} });
    expect(await loadOffsets(db, consumer, TOPIC)).toEqual(new Map());
    expect(await db.query(`SELECT 1 FROM processed_messages WHERE consumer = $1`, [consumer])).toEqual([]);
  });
});
