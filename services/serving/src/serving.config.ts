import { REPLICAS_MAX } from '@ledger/contracts';
import { CommandConfigInput, ServiceHost } from '@ledger/platform';
import type { ServingRuntime } from './runtime/serving-runtime';
import { DEFAULT_MAX_REPLICAS } from './served-model/serving-control';

export type ServingConfig = CommandConfigInput & {
  /**
   * Makes the data plane this instance drives (the service owns it and closes it on shutdown).
   * Required: serving refuses to start without one.
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
