import { execFile } from 'node:child_process';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * A PostgreSQL that shuts down just as it accepts a connection: ReadyForQuery and the FATAL
 * "terminating connection due to administrator command" arrive in one read, as they did when
 * Ctrl-C reached the embedded server and the platform at once.
 */
async function shuttingDownServer(): Promise<Server> {
  const message = (type: string, body: Buffer) => {
    const head = Buffer.alloc(5);
    head.write(type, 0);
    head.writeInt32BE(body.length + 4, 1);
    return Buffer.concat([head, body]);
  };
  const fatal = ['SFATAL', 'VFATAL', 'C57P01', 'Mterminating connection due to administrator command']
    .map((field) => `${field}\0`)
    .join('');
  const authenticationOk = message('R', Buffer.from([0, 0, 0, 0]));
  const readyForQuery = message('Z', Buffer.from('I'));
  const terminated = message('E', Buffer.from(`${fatal}\0`));
  const server = createServer((socket: Socket) =>
    socket.once('data', () => socket.end(Buffer.concat([authenticationOk, readyForQuery, terminated]))),
  );
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return server;
}

describe('the pool of every data source', () => {
  let server: Server;
  beforeAll(async () => (server = await shuttingDownServer()));
  afterAll(() => new Promise((closed) => server.close(closed)));

  it('keeps a connection lost as it is handed over from ending the process: its query fails instead', async () => {
    const { port } = server.address() as AddressInfo;
    // Another process, so that an unhandled 'error' event ends it rather than Jest.
    const taker = await new Promise<{ status: number; stdout: string; stderr: string }>((done) =>
      execFile(
        process.execPath,
        [join(ROOT, 'scripts/run-ts.js'), join(__dirname, 'pool-handover.fixture.ts'), String(port)],
        { cwd: ROOT, timeout: 30_000 },
        (error, stdout, stderr) => done({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(taker.stderr).toBe('');
    expect(taker.stdout.trim()).toMatch(
      /^query failed: (terminating connection|.*not queryable|Connection terminated)/i,
    );
    expect(taker.status).toBe(0);
  });
});
