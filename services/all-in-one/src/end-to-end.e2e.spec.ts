import { freePort } from '@ledger/platform';
import { eventually, kafkaBrokers } from '@ledger/testing';
import { randomBytes } from 'node:crypto';
import { RunningPlatform, startPlatform } from './platform';

interface Pending {
  versions: { modelName: string; version: number; source: string }[];
}

/** HTTP register version on the registry → the validator's read model shows it, via the bus only. */
describe.each([
  [
    'kafka',
    () => ({ kind: 'kafka' as const, brokers: kafkaBrokers(), namespace: `e2e-${randomBytes(4).toString('hex')}` }),
  ],
  ['postgres', () => ({ kind: 'postgres' as const })],
])('end to end over the %s bus', (_name, bus) => {
  let platform: RunningPlatform;
  const model = `churn-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    platform = await startPlatform({
      postgresUrl: process.env.TEST_DATABASE_URL!,
      databasePrefix: `e2e_${randomBytes(4).toString('hex')}_`,
      bus: bus(),
      ports: { registry: await freePort(), validator: await freePort() },
      host: '127.0.0.1',
      quiet: true,
    });
  });
  afterAll(() => platform?.close());

  const post = (path: string, body: unknown) =>
    fetch(`${platform.urls.registry}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('shows every registered version in the validator, in order', async () => {
    expect((await post('/api/v1/models', { name: model })).status).toBe(201);
    for (let i = 1; i <= 3; i++) {
      const response = await post(`/api/v1/models/${model}/versions`, { source: `s3://models/${model}/${i}` });
      expect(response.status).toBe(201);
      expect(((await response.json()) as { version: number }).version).toBe(i);
    }
    await eventually(async () => {
      const pending = (await (
        await fetch(`${platform.urls.validator}/api/v1/validations/pending?model=${model}`)
      ).json()) as Pending;
      expect(pending.versions.map((v) => [v.version, v.source])).toEqual(
        [1, 2, 3].map((i) => [i, `s3://models/${model}/${i}`]),
      );
    });
  });
});
