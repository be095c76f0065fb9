import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { freePort } from '@ledger/platform';
import { eventually, freshDatabaseUrl, kafkaBrokers } from '@ledger/testing';

const ROOT = resolve(__dirname, '../../..');

/**
 * Distributed mode (DESIGN.md §4): each service its own process, configured only by the env
 * contract (deploy/env-contract.json), with its own database, talking over Kafka.
 */
describe('distributed mode: registry and validator as separate processes on Kafka', () => {
  const children: ChildProcess[] = [];
  const namespace = `dist-${randomBytes(4).toString('hex')}`;
  const ports = { registry: 0, validator: 0 };

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

  beforeAll(async () => {
    ports.registry = await freePort();
    ports.validator = await freePort();
    await Promise.all([
      run('registry', { ...kafkaEnv(), DATABASE_URL: freshDatabaseUrl('dist_registry'), PORT: String(ports.registry) }),
      run('validator', {
        ...kafkaEnv(),
        DATABASE_URL: freshDatabaseUrl('dist_validator'),
        PORT: String(ports.validator),
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(
      children
        .filter((c) => c.exitCode === null)
        .map((c) => new Promise((done) => (c.once('exit', done), c.kill('SIGTERM')))),
    );
  });

  it('carries a registered version from the registry process to the validator process', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`http://127.0.0.1:${ports.registry}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post('/api/v1/models', { name: 'fraud' })).status).toBe(201);
    expect((await post('/api/v1/models/fraud/versions', { source: 's3://m/fraud/1' })).status).toBe(201);
    await eventually(async () => {
      const body = (await (
        await fetch(`http://127.0.0.1:${ports.validator}/api/v1/validations/pending?model=fraud`)
      ).json()) as {
        versions: { version: number; source: string }[];
      };
      expect(body.versions).toMatchObject([{ version: 1, source: 's3://m/fraud/1' }]);
    });
    for (const port of [ports.registry, ports.validator]) {
      expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toMatchObject({ status: 'ok' });
    }
  });

  it('stops on SIGTERM with exit code 0', async () => {
    const exits = children.map(
      (child) => new Promise<number | null>((done) => child.once('exit', (code) => done(code))),
    );
    children.forEach((child) => child.kill('SIGTERM'));
    expect(await Promise.all(exits)).toEqual([0, 0]);
  });

  it('refuses to start without its required environment, naming what is missing', async () => {
    await expect(
      run('registry', { BUS: 'kafka', DATABASE_URL: freshDatabaseUrl('dist_missing'), KAFKA_BROKERS: '' }),
    ).rejects.toThrow(/exited with 1: .*KAFKA_BROKERS is required when BUS=kafka/s);
  });
});
