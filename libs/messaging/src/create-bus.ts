import { Registry } from 'prom-client';
import { ensureDatabase } from '@ledger/eventstore';
import { Bus } from './bus';
import { busMetrics } from './delivery';
import { KafkaBus } from './kafka-bus';
import { PostgresBus } from './postgres-bus';

export interface CreateBusOptions {
  kind: 'kafka' | 'postgres';
  clientId: string;
  kafkaBrokers?: string[];
  /** The PostgreSQL bus's own database (in embedded mode, shared by every service). */
  databaseUrl?: string;
  metrics?: Registry;
  partitions?: number;
  /** Kafka only: prefix for topics and consumer groups (see KafkaBusOptions.namespace). */
  namespace?: string;
}

export async function createBus(options: CreateBusOptions): Promise<Bus> {
  const metrics = busMetrics(options.metrics);
  if (options.kind === 'kafka') {
    if (!options.kafkaBrokers?.length) throw new Error('KAFKA_BROKERS is required when BUS=kafka');
    return new KafkaBus({
      brokers: options.kafkaBrokers,
      clientId: options.clientId,
      metrics,
      partitions: options.partitions,
      namespace: options.namespace,
    });
  }
  if (!options.databaseUrl) throw new Error('BUS_DATABASE_URL is required when BUS=postgres');
  await ensureDatabase(options.databaseUrl);
  return new PostgresBus({ databaseUrl: options.databaseUrl, metrics });
}
