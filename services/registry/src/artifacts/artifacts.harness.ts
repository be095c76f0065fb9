// Test harness for the artifact integration tests: a registry on a private database with its
// own artifact directory, and raw HTTP helpers. Not used by production code.
import { request } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { freshDatabaseUrl } from '@ledger/testing';
import { createRegistryApp, RunningRegistry } from '../registry.service';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** False when the connection ended before the whole body arrived. */
  complete: boolean;
}

export interface ArtifactsUnderTest {
  registry: RunningRegistry;
  /** The registry's database, for a test that plays another registry process. */
  databaseUrl: string;
  dir: string;
  send(
    method: string,
    path: string,
    body?: Buffer | Readable,
    headers?: Record<string, string | number>,
  ): Promise<RawResponse>;
  json(response: RawResponse): any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Registers a version; `fields` adds to the request body (e.g. a declared `artifact`). */
  createVersion(model: string, source?: string, fields?: Record<string, unknown>): Promise<number>;
  /** Every file below the store root, relative to it (blobs and temp files). */
  files(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startArtifactsRegistry(
  label: string,
  options: { maxBytes?: number } = {},
): Promise<ArtifactsUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-artifacts-'));
  const databaseUrl = freshDatabaseUrl(label);
  const registry = await createRegistryApp({
    databaseUrl,
    port: 0,
    host: '127.0.0.1',
    logger: ['error'],
    processMetrics: false,
    artifactsDir: dir,
    artifactMaxBytes: options.maxBytes,
  });
  const send: ArtifactsUnderTest['send'] = (method, path, body, headers = {}) =>
    sendRaw(`${registry.url}${path}`, method, body, headers);
  const created = new Set<string>();
  return {
    registry,
    databaseUrl,
    dir,
    send,
    json: (response) => JSON.parse(response.body.toString('utf8')),
    async createVersion(model, source = '', fields = {}) {
      if (!created.has(model)) await postJson(send, '/api/v1/models', { name: model });
      created.add(model);
      const response = await postJson(send, `/api/v1/models/${model}/versions`, { source, ...fields });
      return JSON.parse(response.body.toString('utf8')).version;
    },
    files: () => listFiles(dir),
    async close() {
      await registry.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postJson(send: ArtifactsUnderTest['send'], path: string, body: unknown): Promise<RawResponse> {
  const response = await send('POST', path, Buffer.from(JSON.stringify(body)), { 'content-type': 'application/json' });
  if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${response.body.toString()}`);
  return response;
}

/** node:http rather than fetch: a test must see a body cut short, not just an exception. */
export function sendRaw(
  url: string,
  method: string,
  body?: Buffer | Readable,
  headers: Record<string, string | number> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method, headers: body instanceof Buffer ? { 'content-length': body.length, ...headers } : headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', () => undefined); // an aborted body is reported through `complete`
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            complete: res.complete,
          }),
        );
      },
    );
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1));
}
