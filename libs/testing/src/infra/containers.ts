/**
 * testcontainers is loaded lazily: most machines here have a docker client but no engine, and
 * the library must not be imported (or fail) unless an engine answers its runtime probe.
 */
export async function dockerEngineAvailable(): Promise<boolean> {
  if (process.env.LEDGER_NO_DOCKER === '1') return false;
  try {
    const tc = await import('testcontainers');
    const probe = tc.getContainerRuntimeClient();
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 5_000).unref());
    await Promise.race([probe, timeout]);
    return true;
  } catch {
    return false;
  }
}

export interface Started {
  address: string;
  stop(): Promise<void>;
}

export async function startPostgresContainer(): Promise<Started> {
  const tc = await import('testcontainers');
  const container = await new tc.GenericContainer('postgres:17')
    .withEnvironment({ POSTGRES_PASSWORD: 'ledger' })
    .withExposedPorts(5432)
    .withWaitStrategy(tc.Wait.forLogMessage(/ready to accept connections/, 2))
    .start();
  return {
    address: `postgres://postgres:ledger@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    stop: async () => void (await container.stop()),
  };
}

export async function startKafkaContainer(): Promise<Started> {
  const tc = await import('testcontainers');
  const hostPort = 29092;
  const container = await new tc.GenericContainer('apache/kafka:3.9.1')
    .withExposedPorts({ container: 9092, host: hostPort })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://localhost:${hostPort}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withWaitStrategy(tc.Wait.forLogMessage(/Kafka Server started/))
    .start();
  return { address: `localhost:${hostPort}`, stop: async () => void (await container.stop()) };
}
