import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { UnreachableError, UsageError } from '../../connecting/cli-errors';
import { answerOf, LedgerClient, reasonOf } from '../../connecting/ledger-client';
import { modelPath } from '../version-view';

export interface UploadedArtifact {
  sha256: string;
  sizeBytes: number;
  uri: string;
}

/** Bytes sent so far out of the file's size. */
export type Progress = (sent: number, total: number) => void;

/**
 * Streams a file to the registry's artifact route, announcing its sha256 first (hashed locally in
 * a first pass) so the registry stores nothing unless the bytes it received are the same.
 */
export async function uploadArtifact(
  client: LedgerClient,
  target: { model: string; version: number },
  file: string,
  progress: Progress,
): Promise<UploadedArtifact> {
  const size = sizeOf(file);
  const sha256 = await sha256Of(file);
  const url = new URL(client.urlOf('registry', `${modelPath(target.model)}/versions/${target.version}/artifact`));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<UploadedArtifact>((resolve, reject) => {
    const request = send(url, {
      method: 'PUT',
      headers: {
        ...client.authHeaders(),
        'content-type': 'application/octet-stream',
        'content-length': size,
        'x-content-sha256': sha256,
        accept: 'application/json',
      },
    });
    request.on('error', (error) => reject(new UnreachableError('registry', url.origin, reasonOf(error))));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        answerOf<UploadedArtifact>({ ok: status >= 200 && status < 300, status, text: async () => text }).then(
          resolve,
          reject,
        );
      });
    });
    let sent = 0;
    const body = createReadStream(file);
    body.on('data', (chunk) => progress((sent += chunk.length), size));
    body.pipe(request);
  });
}

function sizeOf(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    return stat.size;
  } catch (error) {
    throw new UsageError(
      `--artifact ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', (error) => reject(new UsageError(`--artifact ${file}: ${error.message}`)));
  });
}

/** `[#######.............]  35%  1.2 / 3.4 MB` */
export function progressBar(sent: number, total: number, width = 24): string {
  const fraction = total === 0 ? 1 : Math.min(1, sent / total);
  const filled = Math.round(fraction * width);
  const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}%  ${mb(sent)} / ${mb(total)} MB`;
}
