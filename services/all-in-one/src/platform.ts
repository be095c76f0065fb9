import { Bus, createBus } from '@ledger/messaging';
import { createServiceMetrics, RunningService } from '@ledger/platform';
import { SERVICES } from './services';

export interface PlatformOptions {
  /** A PostgreSQL server URL (any database); each service gets its own database on it. */
  postgresUrl: string;
  /** Prefix for database names, so several platforms can share one server (tests). */
  databasePrefix?: string;
  bus: { kind: 'postgres' } | { kind: 'kafka'; brokers: string[]; namespace?: string };
  /** HTTP port per service name; a service not named gets any free port (`npm start` names them all). */
  ports: Record<string, number>;
  host?: string;
  quiet?: boolean;
  /** Where the registry keeps uploaded artifacts (content-addressed). */
  artifactsDir?: string;
  /** Authentication on every service (default off here; `npm start` turns it on unless AUTH=off). */
  auth?: 'on' | 'off';
  /** The identity service's first admin, created on a fresh database. */
  bootstrapAdmin?: { name: string; token: string };
}

export interface RunningPlatform {
  urls: Record<string, string>;
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
 * only over the bus — the same code path as distributed mode, just fewer processes. A failed start
 * closes what had started, in reverse order.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const prefix = options.databasePrefix ?? '';
  // Process metrics once; the shared bus's counters show on the first service's /metrics.
  const metrics = SERVICES.map((service, i) => createServiceMetrics(service.name, { processMetrics: i === 0 }));
  const bus = await createBus({
    kind: options.bus.kind,
    clientId: 'model-ledger',
    kafkaBrokers: options.bus.kind === 'kafka' ? options.bus.brokers : undefined,
    namespace: options.bus.kind === 'kafka' ? options.bus.namespace : undefined,
    databaseUrl: databaseUrl(options.postgresUrl, `${prefix}bus`),
    metrics: metrics[0].registry,
  });
  const running: RunningService<unknown>[] = [];
  const close = async () => {
    for (const service of running.reverse()) await service.close();
    await bus.close();
  };
  try {
    for (const [i, service] of SERVICES.entries()) {
      running.push(
        await service.start({
          databaseUrl: databaseUrl(options.postgresUrl, `${prefix}${service.name}`),
          port: options.ports[service.name] ?? 0,
          host: options.host,
          bus,
          metrics: metrics[i],
          logger: options.quiet ? ['error'] : ['error', 'warn'],
          artifactsDir: options.artifactsDir,
          auth: options.auth ?? 'off',
          bootstrapAdmin: options.bootstrapAdmin,
          peers: Object.fromEntries(running.map((s) => [s.name, s.url])),
        }),
      );
    }
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { urls: Object.fromEntries(running.map((s) => [s.name, s.url])), bus, close };
}
