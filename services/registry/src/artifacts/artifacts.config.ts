import { BlobsConfigInput, blobsDir, DEFAULT_BLOBS_DIR, parseByteCount } from '@ledger/blobs';

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
