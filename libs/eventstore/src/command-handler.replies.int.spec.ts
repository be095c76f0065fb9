import { DataSource } from 'typeorm';
import { freshDatabaseUrl } from '@ledger/testing';
import { CommandHandler } from './command-handler';
import { catalog, counter, increment } from './counter.fixture';
import { StoredEvent } from './event-log';
import { migrate } from './schema';
import { openDatabase } from './database';
import { newId } from './ids';

// What a client sees when it resends a commandId: the answer of the first run, not an empty one.
describe('command handler, replies to a resent commandId', () => {
  let db: DataSource;
  const handler = (maxBatch?: number) =>
    new CommandHandler(db, { decider: counter, source: 'test', catalog, newEventId: newId, maxBatch });
  const identities = (events: StoredEvent[]) =>
    events.map((e) => ({
      id: e.id,
      streamId: e.streamId,
      streamPosition: e.streamPosition,
      globalPosition: e.globalPosition,
      data: e.data,
    }));

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('command_replies'), poolSize: 10 });
    await migrate(db);
  });
  afterAll(() => db.destroy());

  it('answers a resend, alone, with the events the first run appended, in order, while the state is the current one', async () => {
    const alone = handler(1);
    const first = await alone.handle('reply-1', increment(3, 'reply-cmd-1'));
    await alone.handle('reply-1', increment(2));

    const again = await alone.handle('reply-1', increment(3, 'reply-cmd-1'));
    expect(again).toMatchObject({ duplicate: true, version: 5, state: { count: 5 } });
    expect(identities(again.events)).toEqual(identities(first.events));
    expect(again.events.map((e) => e.streamPosition)).toEqual([1, 2, 3]);
  });

  it("answers a resend addressed to another stream with the first run's events, from the stream they went to", async () => {
    const first = await handler().handle('reply-2a', increment(1, 'reply-cmd-2'));
    const again = await handler().handle('reply-2b', increment(1, 'reply-cmd-2'));
    expect(again.duplicate).toBe(true);
    expect(identities(again.events)).toEqual(identities(first.events));
    expect(again.events[0].streamId).toBe('reply-2a');
  });

  it("answers resends inside one group commit, and of commands committed before it, with each first run's events", async () => {
    const grouped = handler();
    const earlier = await grouped.handle('reply-3', increment(2, 'reply-cmd-earlier'));
    const ids = ['reply-cmd-x', 'reply-cmd-earlier', 'reply-cmd-x', 'reply-cmd-y', 'reply-cmd-x'];
    const handled = await Promise.all(ids.map((id) => grouped.handle('reply-3', increment(1, id))));

    expect(handled.map((h) => h.duplicate)).toEqual([false, true, true, false, true]);
    expect(identities(handled[1].events)).toEqual(identities(earlier.events));
    expect(identities(handled[2].events)).toEqual(identities(handled[0].events));
    expect(identities(handled[4].events)).toEqual(identities(handled[0].events));
    expect(handled[0].events).toHaveLength(1);
  });

  it("answers every one of many racing resends with the single first run's events", async () => {
    const racing = await Promise.all(
      Array.from({ length: 12 }, (_, i) => handler(i % 2 ? 1 : 64).handle('reply-4', increment(2, 'reply-cmd-4'))),
    );
    const [original] = racing.filter((h) => !h.duplicate);
    expect(racing.filter((h) => !h.duplicate)).toHaveLength(1);
    for (const resent of racing) expect(identities(resent.events)).toEqual(identities(original.events));
  });
});
