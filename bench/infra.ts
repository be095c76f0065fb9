import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrate, newId, NewEvent, openDatabase } from '@ledger/eventstore';
import { launchPostgres } from '@ledger/platform';
import { launchKafka } from '@ledger/testing';
import { progress } from './stats';

export interface Infra {
  postgresUrl: string;
  kafkaBrokers: string[];
  stop(): Promise<void>;
}

/**
 * PostgreSQL (real durability: fsync on, as users run it) and a KRaft Kafka broker, unless
 * DATABASE_URL / KAFKA_BROKERS point at running ones. Whatever was started is stopped by stop().
 */
export async function startInfra(): Promise<Infra> {
  const stops: (() => Promise<void>)[] = [];
  let stopping: Promise<void> | undefined;
  // Once, in reverse start order, even if a signal and the normal end both ask.
  const stop = () =>
    (stopping ??= (async () => {
      for (const s of [...stops].reverse())
        await s().catch((error) => progress(`stopping infrastructure failed: ${error}`));
    })());
  try {
    let postgresUrl = process.env.DATABASE_URL;
    if (!postgresUrl) {
      progress('starting embedded PostgreSQL (fast: false)');
      const postgres = await launchPostgres({ fast: false });
      stops.push(() => postgres.stop());
      postgresUrl = postgres.url;
    }
    let brokers = process.env.KAFKA_BROKERS;
    if (!brokers) {
      progress('starting local Kafka (KRaft)');
      const kafka = await launchKafka();
      stops.push(() => kafka.stop());
      brokers = kafka.brokers;
    }
    return { postgresUrl, kafkaBrokers: brokers.split(',').filter(Boolean), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Unique per run, so a shared server (DATABASE_URL) never mixes runs. */
export const runId = randomBytes(3).toString('hex');

export function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new, empty, migrated event log in its own database. */
export async function openFreshLog(
  server: string,
  label: string,
  poolSize = 20,
): Promise<{ db: DataSource; url: string }> {
  const url = databaseUrl(server, `bench_${runId}_${label}`);
  const db = await openDatabase({ url, poolSize });
  await migrate(db);
  return { db, url };
}

/** Shaped like a registry VersionCreated (similar size on disk and on the wire). */
export function benchEvent(streamId: string, version: number): NewEvent {
  const id = newId();
  return {
    id,
    type: 'VersionCreated',
    schemaVersion: 1,
    data: {
      modelId: streamId.slice('model-'.length),
      name: 'bench',
      version,
      source: 's3://bench/x',
      runId: '',
      description: '',
      tags: {},
      metrics: {},
    },
    metadata: {
      source: 'bench',
      occurredAt: new Date().toISOString(),
      actor: { id: 'bench', kind: 'service' },
      correlationId: id,
      causationId: null,
    },
  };
}

export const newStreamId = (): string => `model-${newId()}`;
