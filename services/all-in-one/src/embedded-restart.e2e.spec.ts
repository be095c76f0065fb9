import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@ledger/platform';
import { eventually } from '@ledger/testing';

const ROOT = resolve(__dirname, '../../..');

/**
 * The README's promise, as a user would live it: `npm start` on an empty data folder, register
 * a model and versions, Ctrl-C, start again — nothing is lost and the validator still knows.
 */
describe('npm start (embedded mode)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-embedded-'));
  let child: ChildProcess | undefined;
  let ports: { pg: number; registry: number; validator: number };

  const start = async (): Promise<void> => {
    child = spawn(process.execPath, [join(ROOT, 'scripts/start.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        LEDGER_DATA_DIR: dataDir,
        LEDGER_PG_PORT: String(ports.pg),
        REGISTRY_PORT: String(ports.registry),
        VALIDATOR_PORT: String(ports.validator),
        BUS: 'postgres',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true, // its own process group, like a terminal session: Ctrl-C reaches PostgreSQL too
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += String(chunk)));
    await eventually(
      () => {
        if (child!.exitCode !== null) throw new Error(`npm start exited with ${child!.exitCode}: ${output}`);
        expect(output).toContain('Model Ledger is running');
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  };
  const stop = async (): Promise<number | null> => {
    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    process.kill(-child!.pid!, 'SIGINT'); // the whole group, as Ctrl-C does
    return exited;
  };
  const registry = (path: string, body?: unknown) =>
    fetch(
      `http://127.0.0.1:${ports.registry}${path}`,
      body === undefined
        ? {}
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
  const pending = async () =>
    (
      (await (await fetch(`http://127.0.0.1:${ports.validator}/api/v1/validations/pending?model=churn`)).json()) as {
        versions: { version: number }[];
      }
    ).versions.map((v) => v.version);

  beforeAll(async () => {
    // mkdtemp makes the data folder private (0700): as root, the launcher must still let the
    // postgres user reach it, as it must for a checkout under a private folder.
    ports = { pg: await freePort(), registry: await freePort(), validator: await freePort() };
  });
  afterAll(() => {
    if (child && child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps models, versions and projections across a Ctrl-C and a restart', async () => {
    await start();
    expect((await registry('/api/v1/models', { name: 'churn' })).status).toBe(201);
    expect((await registry('/api/v1/models/churn/versions', { source: 's3://m/1' })).status).toBe(201);
    expect((await registry('/api/v1/models/churn/versions', { source: 's3://m/2' })).status).toBe(201);
    await eventually(async () => expect(await pending()).toEqual([1, 2]));
    expect(await stop()).toBe(0);

    await start();
    expect(await (await registry('/api/v1/models/churn')).json()).toMatchObject({ name: 'churn', latestVersion: 2 });
    expect(
      (await (await registry('/api/v1/models/churn/versions', { source: 's3://m/3' })).json()) as { version: number },
    ).toMatchObject({ version: 3 });
    await eventually(async () => expect(await pending()).toEqual([1, 2, 3]));
    expect(await stop()).toBe(0);
  }, 120_000);
});
