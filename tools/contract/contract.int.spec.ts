import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { mintToken } from '@ledger/platform';
import { ContractReport, runContract, schemathesisPython } from '@ledger/testing';
import { tokenAcceptedBy } from '../../services/all-in-one/src/admin-token';
import { RunningPlatform, startPlatform } from '../../services/all-in-one/src/platform';
import { SERVICES } from '../../services/all-in-one/src/services';
import { CONTRACT_EXCEPTIONS, CONTRACT_RUN } from './contract-settings';

const ROOT = resolve(__dirname, '../..');

// Every service of the platform (services/all-in-one/src/services.ts: a new service is tested
// the day it is listed there) answers exactly as its /docs-json says: schemathesis with every
// check and every phase, a fixed seed. Authentication off exercises what the routes do; on, with
// the admin's token, adds that each route refuses a request without it (401) as documented.
describe.each(['off', 'on'] as const)('the OpenAPI documents, authentication %s', (auth) => {
  let platform: RunningPlatform;
  let python: string;
  const admin = mintToken().token;

  beforeAll(async () => {
    python = await schemathesisPython(ROOT);
    platform = await startPlatform({
      postgresUrl: process.env.TEST_DATABASE_URL!,
      databasePrefix: `contract_${auth}_${randomBytes(4).toString('hex')}_`,
      bus: { kind: 'postgres' },
      ports: Object.fromEntries(SERVICES.map(({ name }) => [name, 0])),
      host: '127.0.0.1',
      quiet: true,
      auth,
      bootstrapAdmin: auth === 'on' ? { name: 'admin', token: admin } : undefined,
    });
    if (auth === 'on') expect(await tokenAcceptedBy(Object.values(platform.urls), admin)).toBe(true);
  }, 15 * 60_000);
  afterAll(() => platform?.close());

  it.each(SERVICES.map(({ name }) => name))(
    '%s answers as its document says',
    async (name) => {
      const report = await runContract(python, {
        ...CONTRACT_RUN,
        url: platform.urls[name],
        headers: auth === 'on' ? { Authorization: `Bearer ${admin}` } : undefined,
        exceptions: CONTRACT_EXCEPTIONS[name] ?? [],
      });
      console.log(`contract ${name} (auth ${auth}): ${line(report)}`);
      if (report.failures > 0 || report.errors > 0) throw new Error(`${line(report)}\n\n${report.output}`);
      expect(report.operations).toBeGreaterThan(0);
    },
    15 * 60_000,
  );
});

const line = (r: ContractReport) =>
  `${r.operations} operations, ${r.cases} cases, ${r.failures} failures, ${r.errors} errors in ${r.seconds} s`;
