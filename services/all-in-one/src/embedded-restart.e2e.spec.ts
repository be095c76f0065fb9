import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from '@ledger/testing';
import { NpmStart } from './npm-start.harness';

/**
 * The README's promise, as a user would live it: `npm start` on an empty data folder prints the
 * admin's token once, register a model and versions with it, Ctrl-C, start again — nothing is
 * lost, the validator still knows, and the token still works without being shown again.
 */
/** Ctrl-C, and its exit code; what the run printed when that is not a clean 0. */
async function stopped(run: NpmStart): Promise<number | null> {
  const code = await run.interrupt();
  if (code !== 0) console.log(run.output().slice(-6000));
  return code;
}

describe('npm start (embedded mode)', () => {
  const started: NpmStart[] = [];
  const npmStart = async () => {
    const run = await NpmStart.create();
    started.push(run);
    return run;
  };
  afterAll(() => started.forEach((run) => run.cleanup()));

  it('keeps models, versions, projections and the admin token across a Ctrl-C and a restart', async () => {
    const run = await npmStart();
    await run.start();
    const token = readFileSync(join(run.dataDir, 'admin-token'), 'utf8').trim();
    expect(token).toMatch(/^mlt_[0-9a-f]{32}_[\w-]{43}$/);
    expect(statSync(join(run.dataDir, 'admin-token')).mode & 0o777).toBe(0o600);
    expect(run.output()).toContain(token);
    const anonymous = await fetch(`http://127.0.0.1:${run.ports.registry}/api/v1/models`);
    expect(anonymous.status).toBe(401);

    expect((await run.registry('/api/v1/models', { name: 'churn' })).status).toBe(201);
    expect((await run.registry('/api/v1/models/churn/versions', { source: 's3://m/1' })).status).toBe(201);
    expect((await run.registry('/api/v1/models/churn/versions', { source: 's3://m/2' })).status).toBe(201);
    await eventually(async () => expect(await run.pending('churn')).toEqual([1, 2]));
    expect(await stopped(run)).toBe(0);

    await run.start();
    expect(run.output()).not.toContain(token);
    expect(run.output()).toContain('admin-token');
    expect(await (await run.registry('/api/v1/models/churn')).json()).toMatchObject({
      name: 'churn',
      latestVersion: 2,
    });
    const third = await run.registry('/api/v1/models/churn/versions', { source: 's3://m/3' });
    expect(((await third.json()) as { version: number }).version).toBe(3);
    await eventually(async () => expect(await run.pending('churn')).toEqual([1, 2, 3]));
    expect(await stopped(run)).toBe(0);
  }, 180_000);

  it('says loudly when authentication is off, and then takes anonymous requests', async () => {
    const run = await npmStart();
    await run.start({ AUTH: 'off' });
    expect(run.output()).toMatch(/AUTH=off: authentication is OFF/);
    expect((await run.registry('/api/v1/models', { name: 'open' })).status).toBe(201);
    expect(await stopped(run)).toBe(0);
  }, 120_000);
});
