import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { freshDatabaseUrl } from '@ledger/testing';
import { sendRaw } from '../artifacts.harness';
import { contentPath } from '@ledger/blobs';

const ROOT = resolve(__dirname, '../../../../..');
const GIB = 1024 ** 3;
const CHUNK = Buffer.alloc(1024 * 1024); // zeros, reused: the client holds one MiB, never the GiB
const ZERO_GIB_SHA256 = '49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14'; // head -c 1G /dev/zero | sha256sum
const MAX_RSS_GROWTH = 150 * 1024 * 1024;

/** Produces `total` bytes on demand, one reused chunk at a time. */
function zeros(total: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const size = Math.min(CHUNK.length, total - sent);
      sent += size;
      this.push(size === CHUNK.length ? CHUNK : CHUNK.subarray(0, size));
    },
  });
}

describe('a 1 GiB artifact upload', () => {
  let server: ChildProcess;
  let url: string;
  let dir: string;

  const ask = async <T>(message: string): Promise<T> => {
    const reply = once(server, 'message') as Promise<[T]>;
    server.send(message);
    return (await reply)[0];
  };
  const json = (method: string, path: string, body: unknown) =>
    sendRaw(`${url}${path}`, method, Buffer.from(JSON.stringify(body)), { 'content-type': 'application/json' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-large-artifact-'));
    server = fork(join(ROOT, 'scripts/run-ts.js'), [join(__dirname, 'large-upload.server.ts')], {
      env: { ...process.env, DATABASE_URL: freshDatabaseUrl('registry_large_upload'), ARTIFACTS_DIR: dir },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--expose-gc'],
    });
    url = ((await once(server, 'message')) as [{ url: string }])[0].url;
  });

  afterAll(async () => {
    if (server?.exitCode === null) {
      const exited = once(server, 'exit');
      server.send('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      server.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true }); // the 1 GiB blob
  });

  it('streams to disk with the server process staying within bounded memory', async () => {
    await json('POST', '/api/v1/models', { name: 'huge' });
    await json('POST', '/api/v1/models/huge/versions', {});
    await json('POST', '/api/v1/models/huge/versions', {});
    const octets = { 'content-type': 'application/octet-stream' };
    // Warm-up, so code loading and pools are in the baseline rather than counted as growth.
    expect(
      (await sendRaw(`${url}/api/v1/models/huge/versions/1/artifact`, 'PUT', zeros(8 * 1024 * 1024), octets)).status,
    ).toBe(201);
    const { baselineRss } = await ask<{ baselineRss: number }>('reset');

    const put = await sendRaw(`${url}/api/v1/models/huge/versions/2/artifact`, 'PUT', zeros(GIB), {
      ...octets,
      'content-length': GIB,
    });
    const { peakRss } = await ask<{ peakRss: number }>('report');

    expect({ status: put.status, body: JSON.parse(put.body.toString()) }).toEqual({
      status: 201,
      body: { sha256: ZERO_GIB_SHA256, sizeBytes: GIB, uri: expect.stringContaining(ZERO_GIB_SHA256) },
    });
    expect((await stat(join(dir, contentPath(ZERO_GIB_SHA256)))).size).toBe(GIB);
    const growth = peakRss - baselineRss;
    console.log(
      `1 GiB upload: server RSS ${mb(baselineRss)} → peak ${mb(peakRss)} (growth ${mb(growth)}, limit ${mb(MAX_RSS_GROWTH)})`,
    );
    expect(growth).toBeLessThan(MAX_RSS_GROWTH);
  }, 120_000);
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
