import autocannon from 'autocannon';
import { runId } from './infra';
import { progress, round } from './stats';

export const HTTP_CONNECTIONS = 32;
export const HTTP_MODELS = 32;
export const HTTP_SECONDS = 15;
export const HTTP_WARMUP_SECONDS = 3;
export const HTTP_TARGET_RATE = 800;
const HEADERS = { 'content-type': 'application/json' };

export interface HttpResults {
  registerVersionReqPerSec: number;
  registerVersionP50Ms: number;
  registerVersionP99Ms: number;
  registerVersionErrors: number;
  /** Versions the registry accepted (warm-up included): the validator must see them all. */
  versionsCreated: number;
  statusCodes: Record<string, number>;
}

/** POST a model; any non-201 fails the bench (a setup step, not a measurement). */
export async function createModel(
  registryUrl: string,
  name: string,
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await fetch(`${registryUrl}/api/v1/models`, {
    method: 'POST',
    headers: { ...HEADERS, ...headers },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201)
    throw new Error(`creating model ${name}: HTTP ${response.status} ${await response.text()}`);
}

/**
 * POST /api/v1/models/:name/versions with autocannon, from this process while the registry
 * runs in another. Connection i always posts to model i % HTTP_MODELS, so with 32 models and
 * 32 connections no two requests in flight contend for one stream. With `models` (existing
 * ones), connection i posts to models[i % models.length]: one model makes all 32 queue on its stream.
 */
export async function benchRegisterVersion(
  registryUrl: string,
  options: { rate?: number; label?: string; models?: string[]; headers?: Record<string, string> } = {},
): Promise<HttpResults> {
  const models =
    options.models ??
    Array.from({ length: HTTP_MODELS }, (_, i) => `bench-http-${runId}-${options.label ?? 'max'}-${i}`);
  const headers = { ...HEADERS, ...options.headers };
  if (!options.models) for (const model of models) await createModel(registryUrl, model, headers);
  let nextClient = 0;
  const result = await autocannon({
    url: registryUrl,
    connections: HTTP_CONNECTIONS,
    duration: HTTP_SECONDS,
    // With a rate, the offered load is fixed (requests per second over all connections).
    ...(options.rate ? { overallRate: options.rate } : {}),
    timeout: 10,
    warmup: { connections: HTTP_CONNECTIONS, duration: HTTP_WARMUP_SECONDS },
    // setRequests, not setRequest: the latter only changes the first request of the client.
    setupClient: (client) =>
      client.setRequests([
        {
          method: 'POST',
          path: `/api/v1/models/${encodeURIComponent(models[nextClient++ % models.length])}/versions`,
          headers,
          body: JSON.stringify({ source: 's3://bench/x' }),
        },
      ]),
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
  );
  progress(
    `http: ${result.requests.total} responses in ${result.duration}s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
      `status ${JSON.stringify(statusCodes)}, errors ${result.errors} (timeouts ${result.timeouts})`,
  );
  // Mostly errors means the bench measures the wrong thing (bad path, missing model), not a slow server.
  if (result['2xx'] === 0 || result.non2xx > result['2xx'])
    throw new Error(`register version: mostly non-2xx responses ${JSON.stringify(statusCodes)}`);
  return {
    registerVersionReqPerSec: round(result.requests.total / result.duration, 0),
    registerVersionP50Ms: result.latency.p50,
    registerVersionP99Ms: result.latency.p99,
    registerVersionErrors: result.non2xx + result.errors,
    versionsCreated: (result['2xx'] ?? 0) + (result.warmup?.['2xx'] ?? 0),
    statusCodes,
  };
}
