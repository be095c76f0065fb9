import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { freePort, mintToken } from '@ledger/platform';
import { eventually, freshDatabaseUrl, kafkaBrokers } from '@ledger/testing';

const ROOT = resolve(__dirname, '../../..');

/**
 * Distributed mode (DESIGN.md §4): each service its own process, configured only by the env
 * contract (deploy/env-contract.json), with its own database, talking over Kafka.
 */
describe('distributed mode: identity, registry and validator as separate processes on Kafka', () => {
  const children: ChildProcess[] = [];
  const namespace = `dist-${randomBytes(4).toString('hex')}`;
  const ports = { registry: 0, validator: 0, identity: 0 };

  const run = (service: string, env: Record<string, string>) =>
    new Promise<{ child: ChildProcess; output: () => string }>((ready, fail) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts/run-ts.js'), `services/${service}/src/main.ts`], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      child.stdout!.on('data', (chunk) => {
        output += String(chunk);
        if (output.includes(`${service} ready on`)) ready({ child, output: () => output });
      });
      child.stderr!.on('data', (chunk) => (output += String(chunk)));
      child.once('exit', (code) => fail(new Error(`${service} exited with ${code}: ${output}`)));
    });
  const kafkaEnv = () => ({
    BUS: 'kafka',
    KAFKA_BROKERS: kafkaBrokers().join(','),
    KAFKA_NAMESPACE: namespace,
    HOST: '127.0.0.1',
  });

  // The identity service's first admin: every other process learns its token from ml.identity.events.
  const admin = mintToken();
  const auth = { authorization: `Bearer ${admin.token}` };

  beforeAll(async () => {
    ports.registry = await freePort();
    ports.validator = await freePort();
    ports.identity = await freePort();
    // One after the other: processes creating the topics of a new namespace at once can fail to start.
    await run('identity', {
      ...kafkaEnv(),
      DATABASE_URL: freshDatabaseUrl('dist_identity'),
      PORT: String(ports.identity),
      BOOTSTRAP_ADMIN_NAME: 'admin',
      BOOTSTRAP_ADMIN_TOKEN: admin.token,
    });
    await run('registry', {
      ...kafkaEnv(),
      DATABASE_URL: freshDatabaseUrl('dist_registry'),
      PORT: String(ports.registry),
    });
    await run('validator', {
      ...kafkaEnv(),
      DATABASE_URL: freshDatabaseUrl('dist_validator'),
      PORT: String(ports.validator),
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(
      children
        .filter((c) => c.exitCode === null)
        .map((c) => new Promise((done) => (c.once('exit', done), c.kill('SIGTERM')))),
    );
  });

  it('carries a registered version from the registry process to the validator process, authenticated by the identity process', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
      fetch(`http://127.0.0.1:${ports.registry}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect((await post('/api/v1/models', { name: 'fraud' }, {})).status).toBe(401);
    // The registry knows the admin's token once the identity process's event has reached it.
    await eventually(async () => expect((await post('/api/v1/models', { name: 'fraud' })).status).toBe(201));
    expect((await post('/api/v1/models/fraud/versions', { source: 's3://m/fraud/1' })).status).toBe(201);
    await eventually(async () => {
      const body = (await (
        await fetch(`http://127.0.0.1:${ports.validator}/api/v1/validations/pending?model=fraud`, { headers: auth })
      ).json()) as {
        versions: { version: number; source: string }[];
      };
      expect(body.versions).toMatchObject([{ version: 1, source: 's3://m/fraud/1' }]);
    });
    for (const port of [ports.registry, ports.validator, ports.identity]) {
      expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toMatchObject({ status: 'ok' });
    }
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exits = children.map(
      (child) => new Promise<number | null>((done) => child.once('exit', (code) => done(code))),
    );
    children.forEach((child) => child.kill('SIGTERM'));
    expect(await Promise.all(exits)).toEqual([0, 0, 0]);
  });

  it('refuses to start without its required environment, naming what is missing', async () => {
    await expect(
      run('registry', { BUS: 'kafka', DATABASE_URL: freshDatabaseUrl('dist_missing'), KAFKA_BROKERS: '' }),
    ).rejects.toThrow(/exited with 1: .*KAFKA_BROKERS is required when BUS=kafka/s);
  });
});
