import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { serverHolding } from './embedded-postgres';
import { freePort } from './free-port';

const ROOT = resolve(__dirname, '../../..');

/** launchPostgres in a Node process of its own (see the fixture); resolves once it is up, rejects with what it printed if it exits. */
function serverProcess(dir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'scripts/run-ts.js'), join(__dirname, 'postgres-server.fixture.ts'), dir, String(port)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((ready, fail) => {
    child.stdout!.on('data', (chunk) => (output += String(chunk)).includes('ready') && ready(child));
    child.stderr!.on('data', (chunk) => (output += String(chunk)));
    child.once('exit', (code) => fail(new Error(`exited with ${code}: ${output}`)));
  });
}

async function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill(signal);
  await exited;
}

async function query(port: number, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: `postgres://postgres:ledger@127.0.0.1:${port}/postgres` });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('launchPostgres (the embedded server’s owner)', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-launch-'));
  afterAll(() => {
    // A failed run must not leave its orphan behind.
    const left = serverHolding(join(root, 'orphaned'));
    if (left) process.kill(left.pid, 'SIGQUIT');
    rmSync(root, { recursive: true, force: true });
  });

  it('stops a server a killed process left on its data folder, and starts its own on the port asked for, with the data', async () => {
    const dir = join(root, 'orphaned');
    const [oldPort, newPort] = [await freePort(), await freePort()];
    await ended(await serverProcess(dir, oldPort), 'SIGKILL');
    await query(oldPort, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('before the kill')`);
    const orphan = serverHolding(dir);
    expect(orphan).toMatchObject({ port: oldPort }); // it outlived the process that started it

    const owner = await serverProcess(dir, newPort);
    expect(await query(newPort, 'SELECT v FROM kept')).toEqual([{ v: 'before the kill' }]);
    expect(serverHolding(dir)).toMatchObject({ port: newPort });
    expect(serverHolding(dir)!.pid).not.toBe(orphan!.pid);
    await expect(query(oldPort, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await ended(owner, 'SIGTERM');
    expect(serverHolding(dir)).toBeUndefined();
  }, 90_000);

  it('says why the server did not start, in PostgreSQL’s words, instead of rejecting with undefined', async () => {
    const dir = join(root, 'foreign');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'PG_VERSION'), '9.6\n'); // a data folder of another major version
    await expect(serverProcess(dir, await freePort())).rejects.toThrow(
      /exited with 1: PostgreSQL did not start on port \d+ with data in .*foreign: .*\n.*could not access the server configuration file/,
    );
  }, 30_000);

  it('refuses a port another program holds, naming it, rather than start where clients would reach that program', async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise<void>((done) => squatter.listen(port, '127.0.0.1', done));
    try {
      await expect(serverProcess(join(root, 'squatted'), port)).rejects.toThrow(
        `PostgreSQL cannot start on port ${port}`,
      );
    } finally {
      squatter.close();
    }
  }, 30_000);
});
