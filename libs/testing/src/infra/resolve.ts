import { launchKafka } from './kafka-local';
import { launchPostgres } from '@ledger/platform';
import { dockerEngineAvailable, startKafkaContainer, startPostgresContainer, Started } from './containers';

export interface Infra extends Started {
  origin: 'env' | 'testcontainers' | 'local';
}

/** DESIGN.md §5: an address from the environment, else testcontainers, else a local launch. */
export async function resolvePostgres(): Promise<Infra> {
  if (process.env.DATABASE_URL)
    return { origin: 'env', address: process.env.DATABASE_URL, stop: async () => undefined };
  if (await dockerEngineAvailable()) return { origin: 'testcontainers', ...(await startPostgresContainer()) };
  const pg = await launchPostgres({ fast: true });
  return { origin: 'local', address: pg.url, stop: pg.stop };
}

export async function resolveKafka(): Promise<Infra> {
  if (process.env.KAFKA_BROKERS)
    return { origin: 'env', address: process.env.KAFKA_BROKERS, stop: async () => undefined };
  if (await dockerEngineAvailable()) return { origin: 'testcontainers', ...(await startKafkaContainer()) };
  const kafka = await launchKafka();
  return { origin: 'local', address: kafka.brokers, stop: kafka.stop };
}
