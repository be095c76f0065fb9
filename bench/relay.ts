import { DataSource } from 'typeorm';
import { envelopeHeaders } from '@ledger/contracts';
import { EventLog, loadCheckpoint, LogPosition, Relay, StoredEvent, toEnvelope } from '@ledger/eventstore';
import { createBus } from '@ledger/messaging';
import { benchEvent, newStreamId, openFreshLog, runId } from './infra';
import { perSecond, progress, withTimeout } from './stats';

export const RELAY_EVENTS = 50_000;
export const RELAY_STREAMS = 100;
export const RELAY_BATCH = Number(process.env.BENCH_RELAY_BATCH ?? 1000);
const TOPIC = 'bench.relay.events';
const RELAY_NAME = 'bench.relay';

/**
 * A fresh log preloaded with RELAY_EVENTS, then a Relay to a real Kafka: the time from start()
 * until its checkpoint covers the last event (the checkpoint only moves after Kafka acked).
 */
export async function benchRelay(
  postgresUrl: string,
  kafkaBrokers: string[],
): Promise<{ relayKafkaMsgsPerSec: number }> {
  const { db, url } = await openFreshLog(postgresUrl, 'relay');
  const bus = await createBus({ kind: 'kafka', clientId: 'bench-relay', kafkaBrokers, namespace: `bench-${runId}` });
  let relay: Relay | undefined;
  try {
    const last = await preload(db);
    await bus.ensureTopics([TOPIC]);
    // Connect the producer up front: a relay is long-lived, connecting is not throughput.
    await bus.publish([{ topic: `${TOPIC}.warmup`, key: 'warmup', value: '{}', headers: {} }]);
    let published = 0;
    let lastError: unknown;
    let done!: (at: number) => void;
    const caughtUp = new Promise<number>((resolve) => (done = resolve));
    relay = new Relay(db, bus, {
      name: RELAY_NAME,
      databaseUrl: url,
      batchSize: RELAY_BATCH,
      toMessage,
      // Called right after the relay stored its checkpoint: done once it covers the last event.
      onPublished: (count) => {
        const at = performance.now();
        published += count;
        void loadCheckpoint(db, RELAY_NAME).then(
          (checkpoint) => covers(checkpoint, last) && done(at),
          (error) => (lastError = error),
        );
      },
      onError: (error) => (lastError = error),
    });
    const started = performance.now();
    await relay.start();
    const finished = await withTimeout(caughtUp, 180_000, 'relay').catch((error: Error) => {
      throw new Error(`${error.message}: published ${published}/${RELAY_EVENTS}, last error: ${String(lastError)}`);
    });
    const elapsedMs = finished - started;
    progress(
      `relay: ${published} events to Kafka in ${elapsedMs.toFixed(0)} ms (batch ${RELAY_BATCH}${lastError ? `, retried after: ${lastError}` : ''})`,
    );
    return { relayKafkaMsgsPerSec: perSecond(RELAY_EVENTS, elapsedMs) };
  } finally {
    await relay?.stop().catch(() => undefined);
    await bus.close().catch(() => undefined);
    await db.destroy();
  }
}

/**
 * RELAY_EVENTS over RELAY_STREAMS streams, in appends of 500 by 4 writers. Returns the last event
 * in commit order (transaction id, then position), which the relay's checkpoint ends on; with
 * concurrent writers that is not necessarily the highest global position.
 */
async function preload(db: DataSource): Promise<LogPosition> {
  const log = new EventLog(db);
  const perStream = RELAY_EVENTS / RELAY_STREAMS;
  const streams = Array.from({ length: RELAY_STREAMS }, newStreamId);
  const writer = async () => {
    for (let streamId = streams.pop(); streamId; streamId = streams.pop()) {
      const id = streamId;
      await log.append(
        id,
        Array.from({ length: perStream }, (_, i) => benchEvent(id, i + 1)),
        'no_stream',
      );
    }
  };
  await Promise.all(Array.from({ length: 4 }, writer));
  const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM events`);
  if (count !== RELAY_EVENTS) throw new Error(`preloaded ${count} events, expected ${RELAY_EVENTS}`);
  progress(`relay: preloaded ${count} events in ${RELAY_STREAMS} streams`);
  const [last] = await db.query(
    `SELECT transaction_id::text AS "transactionId", global_position::text AS "globalPosition" FROM events
     ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  return last;
}

function covers(checkpoint: LogPosition, last: LogPosition): boolean {
  const xid = BigInt(checkpoint.transactionId);
  const lastXid = BigInt(last.transactionId);
  return xid > lastXid || (xid === lastXid && BigInt(checkpoint.globalPosition) >= BigInt(last.globalPosition));
}

function toMessage(event: StoredEvent) {
  const envelope = toEnvelope(event);
  return { topic: TOPIC, key: event.streamId, value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) };
}
