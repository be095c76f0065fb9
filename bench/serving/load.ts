// One load for every inference endpoint, ours and the peers': autocannon, N connections, a fixed
// duration after a warm-up, one realistic row in the protocol's own body. A server that answers
// wrong (a sampled answer whose class is not the expected one) gets no throughput number.
import autocannon from 'autocannon';
import { coresUsed, sampleCpu } from '../cpu';
import { progress, round } from '../stats';
import { labelOf, ServingProtocol } from './protocols';

export const SERVING_CONNECTIONS = 32;
export const SERVING_SECONDS = 10;
export const SERVING_WARMUP_SECONDS = 2;
/** One answer in this many is parsed and checked: enough to catch a wrong server, cheap for the client. */
export const SERVING_CHECK_EVERY = 16;

export interface ServingLoad {
  /** Correct (2xx) answers per second over the measured window. */
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors and timeouts. */
  errors: number;
  non2xx: number;
  /** Answers parsed and found to hold the expected class. */
  checked: number;
  /** Average cores per process group during the load (a child server shows as its command, e.g. python). */
  cpu: Record<string, number>;
}

export interface ServingLoadOptions {
  /** The class the row must be given; without it, only the status counts. */
  expectedLabel?: number;
  connections?: number;
  seconds?: number;
  warmupSeconds?: number;
  headers?: Record<string, string>;
  /** A header the first answer must carry (ours: x-ledger-model-version). */
  requireHeader?: string;
  label?: string;
}

/**
 * Drives `url` (the full inference URL: …/v2/models/m/infer, …/v1/models/m:predict, …/invocations)
 * with POSTs of `body`. Throws when a checked answer is wrong or most answers are not 2xx.
 */
export async function measureServingEndpoint(
  url: string,
  protocol: ServingProtocol,
  body: unknown,
  options: ServingLoadOptions = {},
): Promise<ServingLoad> {
  const connections = options.connections ?? SERVING_CONNECTIONS;
  const payload = JSON.stringify(body);
  const headers = { 'content-type': 'application/json', ...options.headers };
  await checkOnce(url, protocol, payload, headers, options);
  const check = sampledCheck(protocol, options.expectedLabel);
  const { pathname, search } = new URL(url);
  const cpuBefore = sampleCpu();
  const started = performance.now();
  const result = await autocannon({
    url,
    connections,
    duration: options.seconds ?? SERVING_SECONDS,
    timeout: 10,
    warmup: { connections, duration: options.warmupSeconds ?? SERVING_WARMUP_SECONDS },
    verifyBody: check.verify,
    setupClient: (client) =>
      client.setRequests([{ method: 'POST', path: `${pathname}${search}`, headers, body: payload }]),
  });
  const cpu = coresUsed(cpuBefore, sampleCpu(), performance.now() - started);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([c, { count }]) => [c, count]));
  const ok = result['2xx'] ?? 0;
  progress(
    `serving load (${options.label ?? url}): ${result.requests.total} responses in ${result.duration}s, p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, status ${JSON.stringify(statusCodes)}, errors ${result.errors} (timeouts ${result.timeouts}), ` +
      `${check.checked()} answers checked, ${result.mismatches} wrong, cores ${JSON.stringify(cpu)}`,
  );
  if (result.mismatches > 0)
    throw new Error(`${options.label ?? url}: ${result.mismatches} sampled answers wrong, e.g. ${check.firstWrong()}`);
  if (ok === 0 || result.non2xx > ok)
    throw new Error(`${options.label ?? url}: mostly non-2xx ${JSON.stringify(statusCodes)}`);
  return {
    perSec: round(ok / result.duration, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    checked: check.checked(),
    cpu,
  };
}

/** One request before the load, so a wrong body or path fails with the server's own words. */
async function checkOnce(
  url: string,
  protocol: ServingProtocol,
  payload: string,
  headers: Record<string, string>,
  { expectedLabel, requireHeader }: ServingLoadOptions,
): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers, body: payload });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 500)}`);
  if (requireHeader && !response.headers.get(requireHeader))
    throw new Error(`${url}: the answer has no ${requireHeader} header`);
  if (expectedLabel !== undefined && labelOf(protocol, JSON.parse(text)) !== expectedLabel)
    throw new Error(`${url}: expected class ${expectedLabel}, answered ${text.slice(0, 500)}`);
}

/** autocannon's verifyBody, parsing one answer in SERVING_CHECK_EVERY. */
function sampledCheck(protocol: ServingProtocol, expectedLabel: number | undefined) {
  let seen = 0;
  let checked = 0;
  let firstWrong: string | undefined;
  const verify = (text: string): boolean => {
    if (expectedLabel === undefined || seen++ % SERVING_CHECK_EVERY !== 0) return true;
    let label: number | undefined;
    try {
      label = labelOf(protocol, JSON.parse(text));
    } catch {
      label = undefined;
    }
    if (label === expectedLabel) checked++;
    else firstWrong ??= text.slice(0, 300);
    return label === expectedLabel;
  };
  return { verify, checked: () => checked, firstWrong: () => firstWrong };
}
