import { DataSource } from 'typeorm';
import { Command, UnavailableError, ValidationError } from '@ledger/contracts';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { openDatabase } from '../database';
import { migrate } from '../schema';
import { ManualClock } from '../time/clock';
import { storeSends } from './command-outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { shipCommand } from './outbox.fixture';

// The outbox on its own: order, a refused command, a receiver that is briefly unavailable.
describe('outbox dispatcher', () => {
  const url = freshDatabaseUrl('outbox');
  const clock = new ManualClock('2026-04-01T08:00:00.000Z');
  let db: DataSource;
  let dispatcher: OutboxDispatcher;
  const delivered: string[] = [];
  const refusals = new Map<string, Error>();

  const command = (id: string): Command => shipCommand(clock, id);
  const rowOf = async (id: string) =>
    (
      await db.query(
        `SELECT attempts, last_error AS "lastError", dispatched_at IS NOT NULL AS dispatched, given_up_at IS NOT NULL AS "givenUp" FROM command_outbox WHERE command_id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    db = await openDatabase({ url, poolSize: 6 });
    await migrate(db);
    dispatcher = new OutboxDispatcher(db, {
      sender: 'orders',
      clock,
      databaseUrl: url,
      retryMs: 5_000,
      onError: () => undefined,
      deliver: async (c) => {
        const refusal = refusals.get(c.metadata.commandId as string);
        if (refusal) throw refusal;
        delivered.push(c.metadata.commandId as string);
      },
    });
    await dispatcher.start();
  });
  afterAll(async () => {
    await dispatcher.stop();
    await db.destroy();
  });

  it("delivers a sender's commands in the order they were stored, each marked dispatched", async () => {
    await db.transaction((tx) => storeSends(tx, 'orders', 'order-1', ['a', 'b', 'c'].map(command)));
    await eventually(async () => expect(delivered).toEqual(['a', 'b', 'c']));
    await eventually(async () => expect(await rowOf('c')).toMatchObject({ dispatched: true, attempts: 1 }));
  });

  it('gives up at once on a command its receiver refuses, and keeps delivering the rest', async () => {
    refusals.set('refused', new ValidationError('no such product'));
    await db.transaction((tx) => storeSends(tx, 'orders', 'order-2', ['refused', 'after-refused'].map(command)));
    await eventually(async () => expect(delivered).toContain('after-refused'));
    expect(await rowOf('refused')).toEqual({
      attempts: 1,
      lastError: 'no such product',
      dispatched: false,
      givenUp: true,
    });
  });

  it('tries a command again after a back-off on the clock while its receiver is unavailable', async () => {
    refusals.set('later', new UnavailableError('busy'));
    await db.transaction((tx) => storeSends(tx, 'orders', 'order-3', [command('later')]));
    await eventually(async () =>
      expect(await rowOf('later')).toMatchObject({ attempts: 1, dispatched: false, givenUp: false }),
    );
    refusals.delete('later');
    clock.advance(5_000);
    await eventually(async () => expect(await rowOf('later')).toMatchObject({ attempts: 2, dispatched: true }));
  });
});
