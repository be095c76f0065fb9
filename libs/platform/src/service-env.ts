/**
 * The environment contract of a service running alone (deploy/env-contract.json):
 * DATABASE_URL, BUS=kafka|postgres, KAFKA_BROKERS (kafka), BUS_DATABASE_URL (postgres), PORT,
 * and optionally KAFKA_NAMESPACE (a prefix for topics and consumer groups on a shared broker) and
 * AUTH=on|off (default on: every route but health, metrics and docs needs an API token).
 */
export interface ServiceEnv {
  service: string;
  databaseUrl: string;
  port: number;
  host?: string;
  bus: { kind: 'kafka' | 'postgres'; kafkaBrokers?: string[]; databaseUrl?: string; namespace?: string };
  auth: 'on' | 'off';
}

/** AUTH: on unless explicitly off — a service is never open by accident. */
export function authModeFrom(raw: string | undefined): 'on' | 'off' {
  const value = (raw ?? 'on').trim().toLowerCase();
  if (value === 'on' || value === 'off') return value;
  throw new ConfigError(`AUTH must be on or off, not ${raw}`);
}

export class ConfigError extends Error {}

export function readServiceEnv(service: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env): ServiceEnv {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new ConfigError('DATABASE_URL is required (postgres://user:password@host:5432/database)');
  const kind = (env.BUS ?? 'kafka').toLowerCase();
  if (kind !== 'kafka' && kind !== 'postgres') throw new ConfigError(`BUS must be kafka or postgres, not ${env.BUS}`);
  const port = env.PORT ? Number(env.PORT) : defaultPort;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, not ${env.PORT}`);
  const kafkaBrokers = env.KAFKA_BROKERS?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (kind === 'kafka' && !kafkaBrokers?.length) throw new ConfigError('KAFKA_BROKERS is required when BUS=kafka');
  if (kind === 'postgres' && !env.BUS_DATABASE_URL)
    throw new ConfigError('BUS_DATABASE_URL is required when BUS=postgres');
  return {
    service: env.SERVICE_NAME ?? service,
    databaseUrl,
    port,
    host: env.HOST,
    bus: { kind, kafkaBrokers, databaseUrl: env.BUS_DATABASE_URL, namespace: env.KAFKA_NAMESPACE || undefined },
    auth: authModeFrom(env.AUTH),
  };
}

/** Runs until SIGINT/SIGTERM, then closes once; a second signal forces the exit. */
export function closeOnSignal(close: () => Promise<void>, log: (line: string) => void = console.log): void {
  let closing = false;
  const onSignal = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    log(`${signal}: shutting down`);
    close().then(
      () => process.exit(0),
      (error) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
