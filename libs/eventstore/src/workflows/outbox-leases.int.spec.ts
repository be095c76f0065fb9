import { DataSource } from 'typeorm';
import { Command } from '@ledger/contracts';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { openDatabase } from '../database';
import { EventLog } from '../event-log';
import { newId } from '../ids';
import { migrate } from '../schema';
import { ManualClock } from '../time/clock';
import { markDeliveryFailed, storeSends } from './command-outbox';
import { OutboxDispatcher } from './outbox-dispatcher';
import { shipCommand } from './outbox.fixture';

/** A receiver that takes as long as the test says: each delivery waits until it is released. */
class SlowReceiver {
  readonly started: string[] = [];
  private readonly releases = new Map<string, (failure?: Error) => void>();

  deliver = (command: Command): Promise<void> => {
    const id = command.metadata.commandId as string;
    this.started.push(id);
    return new Promise((resolve, reject) =>
      this.releases.set(id, (failure) => (failure ? reject(failure) : resolve())),
    );
  };

  release(id: string, failure?: Error): void {
    this.releases.get(id)?.(failure);
  }
}

// Delivery is leased, not held in a transaction: a slow receiver holds back no reader, and a
// deliverer that never comes back loses its command to another once its lease runs out.
describe('outbox dispatcher leases', () => {
  const url = freshDatabaseUrl('outbox_leases');
  const clock = new ManualClock('2026-04-01T08:00:00.000Z');
  let db: DataSource;

  const command = (id: string): Command => shipCommand(clock, id);
  const send = (sender: string, id: string) => db.transaction((tx) => storeSends(tx, sender, 'o', [command(id)]));
  const dispatcher = (sender: string, deliver: (c: Command) => Promise<void>) =>
    new OutboxDispatcher(db, { sender, clock, leaseMs: 10_000, onError: () => undefined, deliver });
  const rowOf = async (id: string) =>
    (
      await db.query(
        `SELECT attempts, dispatched_at IS NOT NULL AS dispatched, leased_until IS NOT NULL AS leased FROM command_outbox WHERE command_id = $1`,
        [id],
      )
    )[0];

  const leaseAway = (id: string, leaseId: string, ms: number) =>
    db.query(`UPDATE command_outbox SET lease_id = $2, leased_until = $3 WHERE command_id = $1`, [
      id,
      leaseId,
      new Date(clock.now().getTime() + ms).toISOString(),
    ]);
  const leasedUntil = async (id: string): Promise<number> =>
    (await db.query(`SELECT leased_until AS at FROM command_outbox WHERE command_id = $1`, [id]))[0].at.getTime();

  beforeAll(async () => {
    db = await openDatabase({ url, poolSize: 6 });
    await migrate(db);
  });
  afterAll(() => db.destroy());

  it('holds no transaction open while a delivery is in progress: events appended meanwhile are not held back', async () => {
    const receiver = new SlowReceiver();
    await send('slow', 'slow-1');
    const delivering = dispatcher('slow', receiver.deliver).deliverOne();
    await eventually(async () => expect(receiver.started).toEqual(['slow-1']));

    const log = new EventLog(db);
    await log.append(
      `counter-${newId()}`,
      [{ id: newId(), type: 'Counted', schemaVersion: 1, data: {}, metadata: {} }],
      'any',
    );
    // Held back is server-wide: another suite's short transaction may hold it for a moment, the
    // delivery in progress must not hold it at all (in a transaction it would, until released).
    await eventually(async () => expect(await log.heldBack()).toBe(false), { timeoutMs: 10_000 });

    receiver.release('slow-1');
    expect(await delivering).toBe(true);
    expect(await rowOf('slow-1')).toEqual({ attempts: 1, dispatched: true, leased: false });
  });

  it('delivers a command again once the lease of a deliverer that never came back has run out', async () => {
    const delivered: string[] = [];
    const other = dispatcher('lease', async (c) => void delivered.push(c.metadata.commandId as string));
    await send('lease', 'lease-1');
    await leaseAway('lease-1', 'crashed', 10_000); // its holder died mid-delivery: nobody renews it

    expect(await other.deliverOne()).toBe(false);
    clock.advance(10_000);
    expect(await other.deliverOne()).toBe(true);
    expect(delivered).toEqual(['lease-1']);
    expect(await rowOf('lease-1')).toEqual({ attempts: 1, dispatched: true, leased: false });
  });

  it('renews the lease of a delivery that outlasts it, so nobody else takes its command', async () => {
    const slow = new SlowReceiver();
    const other = dispatcher('renewed', async () => undefined);
    await send('renewed', 'renewed-1');
    const delivering = dispatcher('renewed', slow.deliver).deliverOne();
    await eventually(async () => expect(slow.started).toEqual(['renewed-1']));

    clock.advance(4_000); // past a third of the lease: renewed to 14 s from the start
    await eventually(async () => expect(await leasedUntil('renewed-1')).toEqual(clock.now().getTime() + 10_000));
    clock.advance(7_000); // past the first lease, within the renewed one
    expect(await other.deliverOne()).toBe(false);

    slow.release('renewed-1');
    await delivering;
    expect(await rowOf('renewed-1')).toEqual({ attempts: 1, dispatched: true, leased: false });
  });

  it('lets a deliverer whose lease was taken over record no failure over the new holder', async () => {
    await send('taken', 'taken-1');
    await leaseAway('taken-1', 'new-holder', 10_000);
    const [{ position }] = await db.query(`SELECT position::text FROM command_outbox WHERE command_id = 'taken-1'`);
    await markDeliveryFailed(db, position, new Error('timed out'), clock.now(), undefined, 'old-holder');
    expect(await rowOf('taken-1')).toEqual({ attempts: 0, dispatched: false, leased: true });
  });
});
