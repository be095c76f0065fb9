/**
 * Where the shared content-addressed store lives. Every service that reads or writes blobs (the
 * registry's artifacts, the validator's datasets) takes the same setting, so they see one bucket.
 */
export interface BlobsConfigInput {
  /** Root of the local content-addressed store (env ARTIFACTS_DIR, default ./data/artifacts). */
  artifactsDir?: string;
}

export const DEFAULT_BLOBS_DIR = './data/artifacts';

/** The store's root: the service config wins over the environment. */
export const blobsDir = (given: BlobsConfigInput, env: Record<string, string | undefined>): string =>
  given.artifactsDir ?? (env.ARTIFACTS_DIR || DEFAULT_BLOBS_DIR);
