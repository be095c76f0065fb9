// Test harness: the validator alone (no bus) on a fresh database and a private blob store.
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { freshDatabaseUrl } from '@ledger/testing';
import { createValidatorApp, RunningValidator } from '../validator.service';

export interface DatasetsUnderTest {
  validator: RunningValidator;
  dir: string;
  url: string;
  close(): Promise<void>;
}

export async function startDatasets(
  label: string,
  config: { datasetMaxBytes?: number } = {},
): Promise<DatasetsUnderTest> {
  const dir = await mkdtemp(join(tmpdir(), `ledger-${label}-`));
  const validator = await createValidatorApp({
    databaseUrl: freshDatabaseUrl(label),
    artifactsDir: dir,
    port: 0,
    host: '127.0.0.1',
    logger: ['error'],
    processMetrics: false,
    ...config,
  });
  return {
    validator,
    dir,
    url: validator.url,
    close: async () => {
      await validator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read whatever came back
}

/**
 * POSTs a body to the upload route; a stream is piped (chunked, with back-pressure), so the client
 * holds a few chunks at a time, never the file. fetch is not used for streams: on Node 20,
 * Readable.toWeb reads its source ahead without back-pressure.
 */
export function upload(
  url: string,
  path: string,
  body: string | Buffer | Readable,
  contentType = 'application/octet-stream',
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${path}`,
      { method: 'POST', headers: { ...headers, 'content-type': contentType } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    if (body instanceof Readable) body.pipe(request);
    else request.end(body);
  });
}

export async function getJson(url: string): Promise<Answer> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}
