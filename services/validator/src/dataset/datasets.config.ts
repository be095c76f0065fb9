import { BlobsConfigInput, blobsDir, parseByteCount } from '@ledger/blobs';

/** Where dataset blobs live (the store the registry's artifacts share) and how large an upload may be. */
export interface DatasetsSettings {
  dir: string;
  maxBytes: number;
}

export interface DatasetsConfigInput extends BlobsConfigInput {
  /** Upload size limit in bytes (env DATASET_MAX_BYTES, default 5 GiB). */
  datasetMaxBytes?: number;
}

export const DEFAULT_DATASET_MAX_BYTES = 5 * 1024 ** 3;

/** The validator config wins over the environment; the store's root is the registry's (ARTIFACTS_DIR). */
export function datasetsSettings(
  given: DatasetsConfigInput,
  env: Record<string, string | undefined>,
): DatasetsSettings {
  const maxBytes =
    given.datasetMaxBytes ?? parseByteCount(env.DATASET_MAX_BYTES, 'DATASET_MAX_BYTES') ?? DEFAULT_DATASET_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1)
    throw new Error(`datasetMaxBytes must be a positive integer, not ${maxBytes}`);
  return { dir: blobsDir(given, env), maxBytes };
}
