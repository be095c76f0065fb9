import { resolveKafka, resolvePostgres, Infra } from '../infra/resolve';

declare global {
  var __LEDGER_INFRA__: Infra[] | undefined;
}

/**
 * Starts (or finds) PostgreSQL and Kafka once per run and hands their addresses to every
 * worker through the environment. A broker that cannot start fails the run: integration
 * tests never skip, with or without CI=true.
 */
export default async function globalSetup(): Promise<void> {
  // `npm run test:unit` runs pure tests only; it says so explicitly (Jest hides --selectProjects here).
  if (process.env.LEDGER_SKIP_INFRA === '1') return;
  const started = Date.now();
  const [pg, kafka] = await Promise.all([resolvePostgres(), resolveKafka()]);
  process.env.TEST_DATABASE_URL = pg.address;
  process.env.TEST_KAFKA_BROKERS = kafka.address;
  globalThis.__LEDGER_INFRA__ = [kafka, pg];
  console.log(
    `\ninfra: postgres (${pg.origin}) ${pg.address}, kafka (${kafka.origin}) ${kafka.address} in ${Date.now() - started} ms`,
  );
}
