import { LogLevel } from '@nestjs/common';
import { createBus } from '@ledger/messaging';
import { createServiceMetrics } from '../http/metrics';
import { closeOnSignal, readServiceEnv } from '../service-env';
import { ServiceDefinition } from './service-definition';
import { startService } from './start-service';
import { oidcSettingsFrom } from '../auth/oidc/oidc-verifier';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** LOG_LEVEL=warn logs fatal, error and warn; unset means log. */
export function logLevels(level = 'log'): LogLevel[] {
  const index = LEVELS.indexOf(level as LogLevel);
  if (index < 0) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, not ${level}`);
  return LEVELS.slice(0, index + 1);
}

/**
 * Runs one service alone (distributed mode, DESIGN.md §4), configured from the environment
 * contract in deploy/env-contract.json, until SIGINT/SIGTERM. A start that fails exits 1 with
 * the cause on one line.
 */
export function runServiceAlone<Context, Config extends object>(
  definition: ServiceDefinition<Context, Config>,
  defaultPort: number,
  config = {} as Config,
): void {
  start(definition, defaultPort, config).catch((error: unknown) => {
    console.error(`${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
    process.exit(1);
  });
}

async function start<Context, Config extends object>(
  definition: ServiceDefinition<Context, Config>,
  defaultPort: number,
  config: Config,
): Promise<void> {
  const env = readServiceEnv(definition.name, defaultPort);
  const logger = logLevels(process.env.LOG_LEVEL);
  // One metrics registry for the service and its bus adapter, so the DLQ counter shows on /metrics.
  const metrics = createServiceMetrics(definition.name);
  const { kind, kafkaBrokers, databaseUrl: busDatabaseUrl, namespace } = env.bus;
  const bus = await createBus({
    kind,
    clientId: env.service,
    kafkaBrokers,
    databaseUrl: busDatabaseUrl,
    namespace,
    metrics: metrics.registry,
  });
  const service = await startService(definition, {
    ...config,
    databaseUrl: env.databaseUrl,
    port: env.port,
    host: env.host,
    bus,
    metrics,
    logger,
    auth: env.auth,
    oidc: oidcSettingsFrom(process.env),
  }).catch(async (error: unknown) => {
    await bus.close().catch(() => undefined);
    throw error;
  });
  console.log(`${definition.name} ready on ${service.url} (bus: ${kind}, auth: ${env.auth})`);
  if (env.auth === 'off')
    console.warn(`${definition.name}: AUTH=off — every request is anonymous; never expose this port`);
  closeOnSignal(async () => {
    await service.close();
    await bus.close();
  });
}
