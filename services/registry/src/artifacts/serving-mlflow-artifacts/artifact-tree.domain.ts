import { ValidationError } from '@ledger/contracts';
import type { TarEntry } from './tar-format.domain';

/** One row of MLflow's ListArtifacts answer: a name directly under the listed directory. */
export interface MlflowFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

/**
 * What is directly under `dir` ('' for the root), as MLflow's artifact server lists a directory:
 * base names, directories first implied by deeper paths too, files with their sizes, by name.
 * A file or a path that is not there lists as empty, as MLflow's local artifact store answers.
 */
export function listDirectory(entries: readonly TarEntry[], dir: string): MlflowFileInfo[] {
  const prefix = dir === '' ? '' : `${dir}/`;
  const found = new Map<string, MlflowFileInfo>();
  for (const entry of entries) {
    if (entry.kind === 'other' || !entry.path.startsWith(prefix) || entry.path === dir) continue;
    const [name, ...deeper] = entry.path.slice(prefix.length).split('/');
    const isDir = deeper.length > 0 || entry.kind === 'dir';
    if (isDir) found.set(name, { path: name, is_dir: true });
    else if (!found.has(name)) found.set(name, { path: name, is_dir: false, file_size: entry.sizeBytes });
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Where a version's uploaded files are on MLflow's artifact routes: `models/<model id>/versions/<version>`. */
export interface ArtifactAddress {
  modelId: string;
  version: number;
  /** The path inside the version's files; '' for their root. */
  file: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The route's path for a version's files (what get-download-uri puts after the artifact routes). */
export const artifactRoot = (modelId: string, version: number): string => `models/${modelId}/versions/${version}`;

/** Reads an artifact path; anything else is INVALID_PARAMETER_VALUE naming `path` and the expected form. */
export function parseArtifactPath(raw: string): ArtifactAddress {
  const parts = raw.split('/').filter((part) => part !== '');
  const [models, modelId, versions, version, ...file] = parts;
  const valid =
    models === 'models' &&
    UUID.test(modelId ?? '') &&
    versions === 'versions' &&
    /^[1-9]\d{0,9}$/.test(version ?? '') &&
    Number(version) <= 2_147_483_647 &&
    !file.includes('..') &&
    !file.includes('.');
  if (!valid)
    throw new ValidationError(
      `path: "${raw}" is not an artifact of this registry; expected models/<model id>/versions/<version>[/<file>], as get-download-uri answers it`,
      { path: raw },
    );
  return { modelId, version: Number(version), file: file.join('/') };
}
