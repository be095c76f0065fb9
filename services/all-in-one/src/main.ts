// `npm start`: the whole platform in one process on an embedded PostgreSQL under ./data.
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { authModeFrom, closeOnSignal, launchPostgres } from '@ledger/platform';
import { AdminToken, adminTokenIn, tokenAcceptedBy } from './admin-token';
import { startPlatform } from './platform';
import { SERVICES } from './services';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const dataDir = resolve(process.env.LEDGER_DATA_DIR ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  const postgres = await launchPostgres({
    dir: resolve(dataDir, 'postgres'),
    port: port('LEDGER_PG_PORT', 54329),
    persistent: true,
    onSignal: 'caller',
  });
  const kafkaBrokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
  const useKafka = process.env.BUS === 'kafka';
  if (useKafka && !kafkaBrokers?.length) throw new Error('BUS=kafka needs KAFKA_BROKERS (try `npm run kafka:start`)');
  const auth = authModeFrom(process.env.AUTH);
  const admin = auth === 'on' ? adminTokenIn(dataDir) : undefined;
  const platform = await startPlatform({
    auth,
    bootstrapAdmin: admin && { name: 'admin', token: admin.token },
    postgresUrl: postgres.url,
    bus: useKafka ? { kind: 'kafka', brokers: kafkaBrokers! } : { kind: 'postgres' },
    ports: Object.fromEntries(SERVICES.map((s) => [s.name, port(`${s.name.toUpperCase()}_PORT`, s.port)])),
    host: process.env.HOST ?? '127.0.0.1',
    artifactsDir: process.env.ARTIFACTS_DIR ?? resolve(dataDir, 'artifacts'),
  });
  if (admin && !(await tokenAcceptedBy(Object.values(platform.urls), admin.token)))
    console.warn('The admin token has not reached every service yet; requests may answer 401 for a moment.');
  const { registry, validator } = platform.urls;
  const bearer = admin ? ` -H "Authorization: Bearer $(cat ${admin.file})"` : '';
  console.log(
    [
      '',
      `Model Ledger is running (data in ${dataDir}, PostgreSQL on ${new URL(postgres.url).port}, bus: ${useKafka ? 'kafka' : 'postgres'})`,
      ...SERVICES.map(
        ({ name }) => `  ${name.padEnd(12)} ${platform.urls[name]}   OpenAPI ${platform.urls[name]}/docs`,
      ),
      '',
      ...authLines(admin),
      'Try:',
      `  curl -s -X POST ${registry}/api/v1/models${bearer} -H 'content-type: application/json' -d '{"name":"churn"}'`,
      `  curl -s -X POST ${registry}/api/v1/models/churn/versions${bearer} -H 'content-type: application/json' -d '{"source":"s3://models/churn/1"}'`,
      `  curl -s ${validator}/api/v1/validations/pending${bearer}`,
      '',
      'Ctrl-C stops everything; data is kept for the next start.',
    ].join('\n'),
  );
  closeOnSignal(async () => {
    await platform.close();
    await postgres.stop();
  });
}

/** What the banner says about authentication: the admin token once, or a loud warning when it is off. */
function authLines(admin: AdminToken | undefined): string[] {
  if (!admin) {
    const rule = '!'.repeat(78);
    return [
      rule,
      '!! AUTH=off: authentication is OFF. Every request is anonymous and anyone can',
      '!! act as anyone. Use this only for a throwaway local run; never expose these ports.',
      rule,
      '',
    ];
  }
  if (!admin.fresh) return [`Authentication is on: the admin's API token is in ${admin.file}`, ''];
  return [
    "Authentication is on. The admin's API token (shown this once; kept in " + admin.file + ' for the CLI):',
    `  ${admin.token}`,
    '',
  ];
}

main().catch((error) => {
  // Some libraries reject with undefined or a string: the message must still say what failed.
  const reason =
    error instanceof Error ? (error.stack ?? error.message) : `${typeof error} ${String(error)} was thrown`;
  console.error(`Model Ledger could not start: ${reason}`);
  process.exit(1);
});
