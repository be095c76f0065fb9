import type { ServerResponse } from 'node:http';
import { etagOf } from '@ledger/blobs';
import { VersionArtifact } from '../storing/version-artifacts.table';

export const ARTIFACT_HEADERS = ['Content-Type', 'Content-Length', 'ETag', 'X-Content-SHA256', 'Repr-Digest'] as const;

/** What GET and HEAD say about the artifact, all from its recorded attachment (no store access). */
export function setArtifactHeaders(res: ServerResponse, artifact: VersionArtifact): void {
  res.setHeader('Content-Type', 'application/octet-stream');
  res.setHeader('Content-Length', String(artifact.sizeBytes));
  res.setHeader('ETag', etagOf(artifact.sha256));
  res.setHeader('X-Content-SHA256', artifact.sha256);
  res.setHeader('Repr-Digest', `sha-256=:${Buffer.from(artifact.sha256, 'hex').toString('base64')}:`);
}
