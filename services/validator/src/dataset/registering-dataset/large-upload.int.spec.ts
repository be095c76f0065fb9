import { DATASETS_PREFIX } from '../datasets.context';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { contentPath } from '@ledger/blobs';
import { freshDatabaseUrl } from '@ledger/testing';
import { upload } from '../datasets.harness';

const ROOT = resolve(__dirname, '../../../../..');

const ROWS = 6_000_000; // ≈ 115 MB of CSV
const MAX_JS_GROWTH = 64 * 1024 * 1024;

/**
 * A CSV of `rows` rows produced on demand, a few thousand rows at a time, and its sha256 computed
 * on the way: the client never holds the file either.
 */
function generatedCsv(rows: number): { stream: Readable; sha256: () => string; bytes: () => number } {
  const hash = createHash('sha256');
  let row = 0;
  let bytes = 0;
  const stream = new Readable({
    read() {
      if (row >= rows) return void this.push(null);
      const lines = [row === 0 ? 'id,score,segment\n' : ''];
      for (const end = Math.min(rows, row + 5000); row < end; row++)
        lines.push(`${row},${((row * 7919) % 10007) / 100},seg-${row % 13}\n`);
      const chunk = Buffer.from(lines.join(''));
      hash.update(chunk);
      bytes += chunk.length;
      this.push(chunk);
    },
  });
  let digest: string | undefined;
  return { stream, sha256: () => (digest ??= hash.digest('hex')), bytes: () => bytes };
}

interface Memory {
  rss: number;
  js: number;
}

/** The validator in a child process (large-upload.server.ts), so the memory measured is the server's alone. */
async function forkServer(
  dir: string,
): Promise<{ url: string; ask<T>(message: string): Promise<T>; stop(): Promise<void> }> {
  const server = fork(join(ROOT, 'scripts/run-ts.js'), [join(__dirname, 'large-upload.server.ts')], {
    env: { ...process.env, DATABASE_URL: freshDatabaseUrl('validator_large_dataset'), ARTIFACTS_DIR: dir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: ['--expose-gc'],
  });
  const ask = async <T>(message: string): Promise<T> => {
    const reply = once(server, 'message') as Promise<[T]>;
    server.send(message);
    return (await reply)[0];
  };
  const { url } = ((await once(server, 'message')) as [{ url: string }])[0];
  const stop = async () => {
    if (server.exitCode !== null) return;
    const exited = once(server, 'exit');
    server.send('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    server.kill('SIGKILL');
  };
  return { url, ask, stop };
}

describe('a large dataset upload', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof forkServer>> | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-large-dataset-'));
    server = await forkServer(dir);
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('streams the body to the store while hashing it, the server holding only a bounded part of it in memory', async () => {
    const { url, ask } = server!;
    // Warm-up, so code loading, DuckDB and pools are in the baseline rather than counted as growth.
    const warmUp = await upload(url, '/api/v1/datasets/warm-up/versions', generatedCsv(1000).stream, 'text/csv');
    expect(warmUp.status).toBe(201);
    await ask('reset');

    const csv = generatedCsv(ROWS);
    const answer = await upload(url, '/api/v1/datasets/clicks/versions', csv.stream, 'text/csv');
    const { baseline, peak } = await ask<{ baseline: Memory; peak: Memory }>('report');

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ sha256: csv.sha256(), sizeBytes: csv.bytes(), rowCount: ROWS });
    expect((await stat(join(dir, DATASETS_PREFIX, contentPath(csv.sha256())))).size).toBe(csv.bytes());
    const growth = { rss: peak.rss - baseline.rss, js: peak.js - baseline.js };
    console.log(
      `${mb(csv.bytes())} dataset upload: server JS memory (heap + buffers) growth ${mb(growth.js)} (limit ${mb(MAX_JS_GROWTH)}), ` +
        `RSS growth ${mb(growth.rss)} (DuckDB reading the file back included)`,
    );
    expect(growth.js).toBeLessThan(MAX_JS_GROWTH);
    expect(growth.js).toBeLessThan(csv.bytes() / 2);
  }, 120_000);
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
