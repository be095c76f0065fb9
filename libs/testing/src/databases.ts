import { randomBytes } from 'node:crypto';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration tests run under the Jest global setup (npm test)`);
  return value;
}

/** A URL for a fresh, uniquely named database on the run's PostgreSQL (created on first open). */
export function freshDatabaseUrl(label: string): string {
  const url = new URL(required('TEST_DATABASE_URL'));
  url.pathname = `/${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

export function kafkaBrokers(): string[] {
  return required('TEST_KAFKA_BROKERS').split(',');
}

/** Unique topic names per test, so tests sharing the run's broker never see each other. */
export function uniqueTopic(base: string): string {
  return `${base}.${randomBytes(4).toString('hex')}`;
}
