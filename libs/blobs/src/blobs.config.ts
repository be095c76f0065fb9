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

/**
 * A size limit from the environment, undefined when unset. A malformed one must stop the service
 * at start (like every variable of the env contract), not silently fall back to a default.
 */
export function parseByteCount(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive number of bytes, not "${raw}"`);
  return value;
}
