// A real process for the crash test: relays SOURCE_DB's log to Kafka and consumes the topic
// into SINK_DB with an exactly-once effect, one message at a time or (BATCHED=1) in runs. The
// test kills it with SIGKILL mid-batch.
import { EntityManager } from 'typeorm';
import { createBus, IncomingMessage } from '../index';
import { acceptOnce, loadOffsets, openDatabase, Relay, toEnvelope, envelopeHeadersOf } from '@ledger/eventstore';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function main(): Promise<void> {
  const sourceUrl = env('SOURCE_DB');
  const topic = env('TOPIC');
  const source = await openDatabase({ url: sourceUrl, poolSize: 4 });
  const sink = await openDatabase({ url: env('SINK_DB'), poolSize: 4 });
  const bus = await createBus({
    kind: 'kafka',
    clientId: 'crash-worker',
    kafkaBrokers: env('KAFKA_BROKERS').split(','),
  });
  await bus.ensureTopics([topic]);
  const relay = new Relay(source, bus, {
    name: 'crash-relay',
    databaseUrl: sourceUrl,
    batchSize: 100,
    onError: (error) => console.error('relay error', error),
    toMessage: (event) => {
      const envelope = toEnvelope(event);
      return { topic, key: event.streamId, value: JSON.stringify(envelope), headers: envelopeHeadersOf(envelope) };
    },
  });
  await relay.start();
  const consumer = 'crash-consumer';
  // One message's effect, exactly once: its id and offset are stored with it.
  const applyOnce = async (tx: EntityManager, message: IncomingMessage) => {
    const envelope = JSON.parse(message.value);
    if (!(await acceptOnce(tx, envelope.id, { consumer, topic, partition: message.partition, offset: message.offset })))
      return;
    // A double effect would show as applied = 2.
    await tx.query(
      `INSERT INTO effects (event_id, applied) VALUES ($1, 1) ON CONFLICT (event_id) DO UPDATE SET applied = effects.applied + 1`,
      [envelope.id],
    );
  };
  // The same pace in both modes (1 ms per message), so the kill lands mid-stream in both.
  const pause = (messages: number) => new Promise((resolve) => setTimeout(resolve, messages));
  await bus.subscribe({
    consumer,
    topics: [topic],
    storedOffsets: (t) => loadOffsets(sink, consumer, t),
    handle: async (message) => {
      await sink.transaction((tx) => applyOnce(tx, message));
      await pause(1);
    },
    ...(process.env.BATCHED === '1'
      ? {
          handleBatch: async (messages: IncomingMessage[]) => {
            await sink.transaction(async (tx) => {
              for (const message of messages) await applyOnce(tx, message);
            });
            await pause(messages.length);
          },
          maxBatch: 50,
        }
      : {}),
  });
  process.send?.('ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
