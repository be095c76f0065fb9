import { EnvironmentNameSchema } from '@ledger/contracts';
import type { BatchingOptions } from '../runtime/batcher';
import { DEFAULT_BATCHING } from '../runtime/batcher';

export interface ServingConfigInput {
  /** The environment a request without X-Ledger-Environment goes to (env SERVING_ENVIRONMENT, default production). */
  defaultEnvironment?: string;
  /** Rows one inference request may carry (env SERVING_MAX_ROWS, default 10,000). */
  maxRows?: number;
  /** How long concurrent requests are collected into a batch, ms (env SERVING_BATCH_WINDOW_MS, default 2). */
  batchWindowMs?: number;
  /** Rows at which a batch is sent at once (env SERVING_MAX_BATCH_ROWS, default 64). */
  maxBatchRows?: number;
  /** Largest inference request body, bytes (env SERVING_MAX_BODY_BYTES, default 16 MiB). */
  maxBodyBytes?: number;
}

export interface InferenceSettings {
  defaultEnvironment: string;
  maxRows: number;
  maxBodyBytes: number;
}

export const DEFAULT_MAX_ROWS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The config wins over the environment; a malformed value stops the service at start. */
export function servingSettings(
  config: ServingConfigInput,
  env: Record<string, string | undefined>,
): InferenceSettings & { batching: BatchingOptions } {
  const environment = config.defaultEnvironment ?? (env.SERVING_ENVIRONMENT || 'production');
  if (!EnvironmentNameSchema.safeParse(environment).success)
    throw new Error(`SERVING_ENVIRONMENT must be a lower-case DNS label, not "${environment}"`);
  return {
    defaultEnvironment: environment,
    maxRows: config.maxRows ?? positive(env.SERVING_MAX_ROWS, 'SERVING_MAX_ROWS', DEFAULT_MAX_ROWS),
    maxBodyBytes:
      config.maxBodyBytes ?? positive(env.SERVING_MAX_BODY_BYTES, 'SERVING_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES),
    batching: {
      windowMs:
        config.batchWindowMs ??
        positive(env.SERVING_BATCH_WINDOW_MS, 'SERVING_BATCH_WINDOW_MS', DEFAULT_BATCHING.windowMs, true),
      maxRows:
        config.maxBatchRows ?? positive(env.SERVING_MAX_BATCH_ROWS, 'SERVING_MAX_BATCH_ROWS', DEFAULT_BATCHING.maxRows),
    },
  };
}

function positive(raw: string | undefined, name: string, fallback: number, zeroAllowed = false): number {
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(value) || value < (zeroAllowed ? 0 : 1))
    throw new Error(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} whole number, not "${raw}"`);
  return value;
}
