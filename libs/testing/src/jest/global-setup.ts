import { resolveKafka, resolvePostgres, Infra } from '../infra/resolve';

declare global {
  // eslint-disable-next-line no-var
  var __LEDGER_INFRA__: Infra[] | undefined;
}

/**
 * Starts (or finds) PostgreSQL and Kafka once per run and hands their addresses to every
 * worker through the environment. A broker that cannot start fails the run: integration
 * tests never skip, with or without CI=true.
 */
export default async function globalSetup(globalConfig: { selectProjects?: string[] }): Promise<void> {
  const selected = globalConfig.selectProjects;
  if (selected && !selected.includes('int')) return;
  const started = Date.now();
  const [pg, kafka] = await Promise.all([resolvePostgres(), resolveKafka()]);
  process.env.TEST_DATABASE_URL = pg.address;
  process.env.TEST_KAFKA_BROKERS = kafka.address;
  globalThis.__LEDGER_INFRA__ = [kafka, pg];
  console.log(`\ninfra: postgres (${pg.origin}) ${pg.address}, kafka (${kafka.origin}) ${kafka.address} in ${Date.now() - started} ms`);
}
