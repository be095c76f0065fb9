import { DataSource } from 'typeorm';
import { UnavailableError } from '@ledger/contracts';
import { freshDatabaseUrl } from '@ledger/testing';
import { CommandHandler } from '../command-handler';
import { openDatabase } from '../database';
import { newId } from '../ids';
import { migrate } from '../schema';
import { ManualClock } from '../time/clock';
import type { Reactor } from '@ledger/contracts';
import { CommandTarget, runReactor } from '../reactors/reactor';
import { kitCatalog, Mailbox, mailbox, mailboxStreamId, Notify } from './mailbox';
import { userSignedUp } from './kit-fixtures';
import { welcomeReactor } from './welcome.reactor';

// A reactor behind an at-least-once bus: every delivery of an event runs it, the effect happens once.
describe('a reactor run through the command handler', () => {
  let db: DataSource;
  let mailboxes: CommandHandler<Notify, ReturnType<typeof mailbox.decide>[number], Mailbox>;
  const source = { clock: new ManualClock(), newId };
  const notifications = async (userId: string) =>
    db.query(
      `SELECT data->>'text' AS text, metadata->>'commandId' AS "commandId" FROM events WHERE stream_id = $1 ORDER BY stream_position`,
      [mailboxStreamId(userId)],
    );

  beforeAll(async () => {
    db = await openDatabase({ url: freshDatabaseUrl('kit_reactor'), poolSize: 10 });
    await migrate(db);
    mailboxes = new CommandHandler(db, { decider: mailbox, source: 'kit', catalog: kitCatalog, newEventId: newId });
  });
  afterAll(() => db.destroy());

  it("turns an event delivered many times, one after another and at once, into one command's effect", async () => {
    const event = userSignedUp(newId(), 'u1');
    const [first] = await runReactor(welcomeReactor, event, mailboxes, source);
    const later = [
      await runReactor(welcomeReactor, event, mailboxes, source),
      await runReactor(welcomeReactor, event, mailboxes, source),
    ];
    const racing = await Promise.all(
      Array.from({ length: 6 }, () => runReactor(welcomeReactor, event, mailboxes, source)),
    );

    expect(await notifications('u1')).toEqual([{ text: 'Welcome, Ana!', commandId: `welcome:${event.id}` }]);
    expect(first.duplicate).toBe(false);
    // Every redelivery is answered with the event the first delivery appended.
    for (const [again] of [...later, ...racing])
      expect(again).toMatchObject({ duplicate: true, events: [{ id: first.events[0].id }] });
  });

  it('after a delivery that failed half-way, the redelivery does only what was left', async () => {
    const twice: Reactor<Notify> = {
      ...welcomeReactor,
      name: 'twice',
      react: (event) =>
        [0, 1].map((i) => ({ type: 'Notify', data: { userId: String(event.data.userId), text: `part ${i}` } })),
    };
    let failNext = 1;
    const flaky: CommandTarget<Notify, Mailbox> = {
      handle: (streamId, command) => {
        if (command.metadata.commandId?.endsWith(':1') && failNext-- > 0)
          return Promise.reject(new UnavailableError('the database blinked'));
        return mailboxes.handle(streamId, command);
      },
    };
    const event = userSignedUp(newId(), 'u2');
    await expect(runReactor(twice, event, flaky, source)).rejects.toThrow(UnavailableError);
    expect(await notifications('u2')).toHaveLength(1);

    const handled = await runReactor(twice, event, flaky, source);
    expect(handled.map((h) => h.duplicate)).toEqual([true, false]);
    expect(await notifications('u2')).toEqual(
      [0, 1].map((i) => ({ text: `part ${i}`, commandId: `twice:${event.id}:${i}` })),
    );
  });
});
