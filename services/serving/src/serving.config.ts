import { REPLICAS_MAX } from '@ledger/contracts';
import { BlobsConfigInput } from '@ledger/blobs';
import { CommandConfigInput, ServiceHost } from '@ledger/platform';
import type { ServingConfigInput } from './inferring/serving-settings';
import type { ServingRuntime } from './runtime/serving-runtime';
import { DEFAULT_MAX_REPLICAS } from './served-model/serving-control';

export type ServingConfig = CommandConfigInput &
  ServingConfigInput &
  BlobsConfigInput & {
    /**
     * What the control plane drives instead of the data plane (tests record its calls); by default
     * it drives the data plane over the artifact store (ARTIFACTS_DIR), which serves the requests.
     */
    runtime?: (host: ServiceHost) => ServingRuntime;
    /** The most replicas one version may have here (default SERVING_MAX_REPLICAS, else 8; at most 32). */
    maxReplicas?: number;
    /** How often the runtime is compared with the log when no append wakes it (default 1000 ms). */
    reconcilePollMs?: number;
  };

/** SERVING_MAX_REPLICAS: a whole number 1..32; anything else stops the start with the reason. */
export function maxReplicasFrom(config: ServingConfig, env: Record<string, string | undefined>): number {
  if (config.maxReplicas !== undefined) return config.maxReplicas;
  const raw = env.SERVING_MAX_REPLICAS;
  if (raw === undefined || raw === '') return DEFAULT_MAX_REPLICAS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > REPLICAS_MAX)
    throw new Error(`SERVING_MAX_REPLICAS must be a whole number from 1 to ${REPLICAS_MAX}, not ${raw}`);
  return value;
}
