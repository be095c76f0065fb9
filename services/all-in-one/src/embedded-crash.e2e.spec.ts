import { createServer } from 'node:net';
import { Client } from 'pg';
import { serverHolding } from '@ledger/platform';
import { eventually } from '@ledger/testing';
import { NpmStart } from './npm-start.harness';

/**
 * A crash of `npm start` (kill -9 of its Node process, not of its process group) leaves the
 * embedded PostgreSQL running with nobody owning it; the next `npm start` on the same data
 * folder must still come up, with everything that was committed.
 */
describe('npm start after its Node process was killed with SIGKILL', () => {
  let platform: NpmStart;

  beforeAll(async () => {
    platform = await NpmStart.create();
  });
  afterAll(() => {
    const left = serverHolding(platform.postgresDir);
    if (left) process.kill(left.pid, 'SIGQUIT');
    platform.cleanup();
  });

  it('takes the data folder back from the orphaned PostgreSQL and finds the data', async () => {
    await platform.start();
    expect((await platform.registry('/api/v1/models', { name: 'churn' })).status).toBe(201);
    expect((await platform.registry('/api/v1/models/churn/versions', { source: 's3://m/1' })).status).toBe(201);
    await eventually(async () => expect(await platform.pending('churn')).toEqual([1]));

    await platform.killNode();
    const orphan = serverHolding(platform.postgresDir);
    expect(orphan).toMatchObject({ port: platform.ports.pg }); // still running: the case this is about
    expect(await answers(platform.ports.pg)).toBe(true);

    await platform.start();
    expect(serverHolding(platform.postgresDir)!.pid).not.toBe(orphan!.pid);
    expect(await (await platform.registry('/api/v1/models/churn')).json()).toMatchObject({
      name: 'churn',
      latestVersion: 1,
    });
    expect((await platform.registry('/api/v1/models/churn/versions', { source: 's3://m/2' })).status).toBe(201);
    await eventually(async () => expect(await platform.pending('churn')).toEqual([1, 2]));

    expect(await platform.interrupt()).toBe(0);
    expect(serverHolding(platform.postgresDir)).toBeUndefined();
  }, 150_000);
});

describe('npm start when its PostgreSQL cannot start', () => {
  it('says why, naming the port another program holds, instead of printing undefined', async () => {
    const platform = await NpmStart.create();
    const squatter = createServer();
    await new Promise<void>((listening) => squatter.listen(platform.ports.pg, '127.0.0.1', listening));
    try {
      await expect(platform.start()).rejects.toThrow(
        new RegExp(
          `exited with 1: Model Ledger could not start: Error: PostgreSQL cannot start on port ${platform.ports.pg} .*in use by another program`,
        ),
      );
    } finally {
      squatter.close();
      platform.cleanup();
    }
  }, 60_000);
});

async function answers(port: number): Promise<boolean> {
  const client = new Client({ connectionString: `postgres://postgres:ledger@127.0.0.1:${port}/postgres` });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
