// `npm run kafka:start`: a single-node Kafka 3.9 (KRaft) from Maven Central jars, no Docker.
// KAFKA_PORT (default 9092) and KAFKA_DATA_DIR (default ./data/kafka) are honoured.
import { resolve } from 'node:path';
import { launchKafka } from '@ledger/testing';

async function main(): Promise<void> {
  const kafka = await launchKafka({
    port: Number(process.env.KAFKA_PORT ?? 9092),
    dir: resolve(process.env.KAFKA_DATA_DIR ?? 'data/kafka'),
  });
  console.log(`Kafka is ready on ${kafka.brokers}. Use it with: BUS=kafka KAFKA_BROKERS=${kafka.brokers} npm start`);
  const stop = () => kafka.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
