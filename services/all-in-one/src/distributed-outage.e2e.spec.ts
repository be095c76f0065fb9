import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, serverHolding } from '@ledger/platform';
import { eventually, freshDatabaseUrl, kafkaBrokers } from '@ledger/testing';
import { deadServer, postgresServer, serviceProcess } from './npm-start.harness';

/**
 * Distributed mode when the validator's PostgreSQL server is killed (kill -9) and started
 * again on the same port and data, while the registry goes on publishing: the validator process
 * stays up, says so on /health, holds on to what Kafka delivers meanwhile (a database gone is no
 * reason to dead-letter a message) and takes it in once its server is back.
 */
describe('distributed mode: the validator while its database server is killed and restarted', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'ledger-dist-pg-')), 'data');
  const ports = { pg: 0, registry: 0, validator: 0 };
  const servers: ChildProcess[] = [];
  const services: ChildProcess[] = [];

  const url = (service: 'registry' | 'validator', path: string) => `http://127.0.0.1:${ports[service]}${path}`;
  const health = async (service: 'registry' | 'validator') => (await fetch(url(service, '/health'))).status;
  const register = async (path: string, body: unknown) =>
    (
      await fetch(url('registry', path), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).status;
  const pending = async () =>
    (
      (await (await fetch(url('validator', '/api/v1/validations/pending?model=fraud'))).json()) as {
        versions: { version: number }[];
      }
    ).versions.map((v) => v.version);

  beforeAll(async () => {
    Object.assign(ports, { pg: await freePort(), registry: await freePort(), validator: await freePort() });
    servers.push(await postgresServer(dir, ports.pg));
    const bus = {
      BUS: 'kafka',
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_NAMESPACE: `outage-${randomBytes(4).toString('hex')}`,
      HOST: '127.0.0.1',
      // This spec is about a lost database; authentication has its own distributed spec.
      AUTH: 'off',
    };
    // One after the other: two services creating the topics of a new namespace at once can fail to start.
    services.push(
      await serviceProcess('registry', {
        ...bus,
        DATABASE_URL: freshDatabaseUrl('outage_registry'),
        PORT: String(ports.registry),
      }),
    );
    services.push(
      await serviceProcess('validator', {
        ...bus,
        DATABASE_URL: `postgres://postgres:ledger@127.0.0.1:${ports.pg}/outage_validator`,
        PORT: String(ports.validator),
      }),
    );
  }, 60_000);
  afterAll(() => {
    for (const child of [...services, ...servers]) if (child.exitCode === null) child.kill('SIGKILL');
    const left = serverHolding(dir);
    if (left) process.kill(left.pid, 'SIGQUIT');
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('stays up, reports unhealthy while its server is gone, and takes in what was published meanwhile once it is back', async () => {
    expect(await register('/api/v1/models', { name: 'fraud' })).toBe(201);
    expect(await register('/api/v1/models/fraud/versions', { source: 's3://m/fraud/1' })).toBe(201);
    await eventually(async () => expect(await pending()).toEqual([1]));

    process.kill(serverHolding(dir)!.pid, 'SIGKILL');
    await eventually(async () => expect([await health('registry'), await health('validator')]).toEqual([200, 503]));
    expect(await register('/api/v1/models/fraud/versions', { source: 's3://m/fraud/2' })).toBe(201);
    await eventually(async () =>
      expect(await (await fetch(url('registry', '/metrics'))).text()).toMatch(
        /^ledger_relay_unpublished_events\{[^}]*\} 0$/m,
      ),
    );
    // Gone long enough for every retry the bus would spend on a message before its DLQ.
    const dead = await eventually(() => deadServer(ports.pg));
    await eventually(() => expect(dead.attempts.at(-1)! - dead.attempts[0]).toBeGreaterThan(3_000), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    await dead.close();
    expect(services.map((child) => child.exitCode)).toEqual([null, null]);

    // Its backends may hold the old shared memory for a moment after the kill: retry the start.
    servers.push(await eventually(() => postgresServer(dir, ports.pg), { timeoutMs: 30_000, intervalMs: 200 }));
    await eventually(async () => expect(await health('validator')).toBe(200));
    await eventually(async () => expect(await pending()).toEqual([1, 2]));
    expect(await register('/api/v1/models/fraud/versions', { source: 's3://m/fraud/3' })).toBe(201);
    await eventually(async () => expect(await pending()).toEqual([1, 2, 3]));

    const exits = services.map((child) => new Promise((done) => child.once('exit', done)));
    services.forEach((child) => child.kill('SIGTERM'));
    expect(await Promise.all(exits)).toEqual([0, 0]);
  }, 150_000);
});
