import { Registry } from 'prom-client';
import { Bus, createBus } from '@ledger/messaging';
import { createValidatorApp } from '../../validator/src/app';
import { createRegistryApp } from '../../registry/src/app';
import { createServiceMetrics } from '@ledger/platform';

export interface PlatformOptions {
  /** A PostgreSQL server URL (any database); each service gets its own database on it. */
  postgresUrl: string;
  /** Prefix for database names, so several platforms can share one server (tests). */
  databasePrefix?: string;
  bus: { kind: 'postgres' } | { kind: 'kafka'; brokers: string[]; namespace?: string };
  ports: { registry: number; validator: number };
  host?: string;
  quiet?: boolean;
  /** Where the registry keeps uploaded artifacts (content-addressed). */
  artifactsDir?: string;
}

export interface RunningPlatform {
  urls: { registry: string; validator: string };
  bus: Bus;
  close(): Promise<void>;
}

function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Every service in one process (DESIGN.md §4, embedded mode), each with its own database, talking
 * only over the bus — the same code path as distributed mode, just fewer processes.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const prefix = options.databasePrefix ?? '';
  const registryMetrics = createServiceMetrics('registry', { processMetrics: true });
  const bus = await createBus({
    kind: options.bus.kind,
    clientId: 'model-ledger',
    kafkaBrokers: options.bus.kind === 'kafka' ? options.bus.brokers : undefined,
    namespace: options.bus.kind === 'kafka' ? options.bus.namespace : undefined,
    databaseUrl: databaseUrl(options.postgresUrl, `${prefix}bus`),
    metrics: registryMetrics.registry as Registry,
  });
  const logger = options.quiet ? (['error'] as const) : (['error', 'warn'] as const);
  const registry = await createRegistryApp({
    databaseUrl: databaseUrl(options.postgresUrl, `${prefix}registry`),
    port: options.ports.registry,
    host: options.host,
    bus,
    metrics: registryMetrics,
    logger: [...logger],
    artifactsDir: options.artifactsDir,
  });
  const validator = await createValidatorApp({
    databaseUrl: databaseUrl(options.postgresUrl, `${prefix}validator`),
    port: options.ports.validator,
    host: options.host,
    bus,
    processMetrics: false,
  });
  return {
    urls: { registry: registry.url, validator: validator.url },
    bus,
    close: async () => {
      await validator.close();
      await registry.close();
      await bus.close();
    },
  };
}
