import { BlobsConfigInput, blobsDir, DEFAULT_BLOBS_DIR } from '@ledger/blobs';

/** Where artifacts live and how large one may be; RegistryConfig wins over the environment. */
export interface ArtifactsSettings {
  dir: string;
  maxBytes: number;
}

export interface ArtifactsConfigInput extends BlobsConfigInput {
  /** Upload size limit in bytes (env ARTIFACT_MAX_BYTES, default 5 GiB). */
  artifactMaxBytes?: number;
}

export const DEFAULT_ARTIFACTS_DIR = DEFAULT_BLOBS_DIR;
export const DEFAULT_ARTIFACT_MAX_BYTES = 5 * 1024 ** 3;

export function artifactsSettings(
  given: ArtifactsConfigInput,
  env: Record<string, string | undefined>,
): ArtifactsSettings {
  const dir = blobsDir(given, env);
  const maxBytes =
    given.artifactMaxBytes ??
    parseByteCount(env.ARTIFACT_MAX_BYTES, 'ARTIFACT_MAX_BYTES') ??
    DEFAULT_ARTIFACT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
    throw new Error(`artifactMaxBytes must be a positive integer, not ${maxBytes}`);
  return { dir, maxBytes };
}

// A malformed limit must stop the service at start (like every variable of the env contract),
// not silently fall back to the default.
function parseByteCount(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive number of bytes, not "${raw}"`);
  return value;
}
