// Runs the registry alone (distributed mode, DESIGN.md §4), configured from the environment
// contract in deploy/env-contract.json: `node scripts/run-ts.js services/registry/src/main.ts`.
import { LogLevel } from '@nestjs/common';
import { createBus } from '@ledger/messaging';
import { closeOnSignal, createServiceMetrics, readServiceEnv } from '@ledger/platform';
import { createRegistryApp } from './app';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** LOG_LEVEL=warn logs fatal, error and warn; unset means log. */
function logLevels(level = 'log'): LogLevel[] {
  const index = LEVELS.indexOf(level as LogLevel);
  if (index < 0) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, not ${level}`);
  return LEVELS.slice(0, index + 1);
}

async function main(): Promise<void> {
  const env = readServiceEnv('registry', 8081);
  const logger = logLevels(process.env.LOG_LEVEL);
  // One registry for the service and its bus adapter, so the DLQ counter shows on /metrics.
  const metrics = createServiceMetrics('registry');
  const bus = await createBus({ kind: env.bus.kind, clientId: env.service, kafkaBrokers: env.bus.kafkaBrokers, databaseUrl: env.bus.databaseUrl, namespace: env.bus.namespace, metrics: metrics.registry });
  const registry = await createRegistryApp({ databaseUrl: env.databaseUrl, port: env.port, host: env.host, bus, metrics, logger });
  console.log(`registry ready on ${registry.url} (bus: ${env.bus.kind})`);
  closeOnSignal(async () => {
    await registry.close();
    await bus.close();
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
