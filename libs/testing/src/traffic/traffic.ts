// A steady request rate against one URL (a serving endpoint, in end-to-end tests of rollouts),
// recording each answer's status, latency, model version header and time. Open loop: requests
// leave on the rate's schedule whatever the server's latency, up to `concurrency` in flight.
import { MODEL_VERSION_HEADER, TrafficReport, TrafficResponse } from './traffic-report';

export interface TrafficOptions {
  url: string;
  /** One JSON body for every request, or several sent in turn (request i sends bodies[i % n]). */
  body?: unknown;
  bodies?: readonly unknown[];
  headers?: Record<string, string>;
  /** A sticky routing header with keys sent in turn (request i sends keys[i % n]); recorded per response. */
  sticky?: { header: string; keys: readonly string[] };
  ratePerSec: number;
  /** Requests in flight at most; a request due while that many wait is counted in notSent. */
  concurrency: number;
  method?: string;
  timeoutMs?: number;
  /** The answer header naming the version (default x-ledger-model-version). */
  versionHeader?: string;
}

export interface Traffic {
  /** What ended so far; the traffic goes on. */
  snapshot(): TrafficReport;
  /** Sends no more, waits for the requests in flight, and reports everything. */
  stop(): Promise<TrafficReport>;
}

/** How often the scheduler wakes at most: requests due meanwhile leave together. */
const TICK_MS = 5;

export function startTraffic(options: TrafficOptions): Traffic {
  const request = requestFor(options);
  const responses: TrafficResponse[] = [];
  const pending = new Set<Promise<void>>();
  const startedAt = Date.now();
  let sent = 0;
  let notSent = 0;
  let stopped = false;
  const send = () => {
    const seq = sent++;
    const done = request(seq).then((response) => void responses.push(response));
    pending.add(done);
    void done.finally(() => pending.delete(done));
  };
  const tick = () => {
    if (stopped) return;
    const due = Math.floor(((Date.now() - startedAt) * options.ratePerSec) / 1000) - sent - notSent;
    for (let i = 0; i < due; i++) {
      if (pending.size < options.concurrency) send();
      else notSent++;
    }
    timer = setTimeout(tick, Math.min(TICK_MS, 1000 / options.ratePerSec));
  };
  let timer = setTimeout(tick, 0);
  const report = (): TrafficReport => ({
    startedAt,
    ratePerSec: options.ratePerSec,
    responses: [...responses],
    inFlight: pending.size,
    notSent,
  });
  return {
    snapshot: report,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      while (pending.size > 0) await Promise.all([...pending]);
      return { ...report(), stoppedAt: Date.now() };
    },
  };
}

/** Builds request `seq` and never rejects: a failure is a response with status 0. */
function requestFor(options: TrafficOptions): (seq: number) => Promise<TrafficResponse> {
  validate(options);
  const bodies = (options.bodies ?? (options.body === undefined ? [] : [options.body])).map((b) => JSON.stringify(b));
  const versionHeader = options.versionHeader ?? MODEL_VERSION_HEADER;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return async (seq) => {
    const key = options.sticky ? options.sticky.keys[seq % options.sticky.keys.length] : undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.sticky && key !== undefined) headers[options.sticky.header] = key;
    const body = bodies.length > 0 ? bodies[seq % bodies.length] : undefined;
    const sentAt = Date.now();
    const started = performance.now();
    const ended = (fields: Pick<TrafficResponse, 'status' | 'version'> & { error?: string }): TrafficResponse => ({
      seq,
      sentAt,
      receivedAt: Date.now(),
      latencyMs: performance.now() - started,
      ...fields,
      ...(key === undefined ? {} : { key }),
    });
    try {
      const method = options.method ?? (body === undefined ? 'GET' : 'POST');
      const response = await fetch(options.url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      await response.arrayBuffer(); // the whole answer, so the connection is reused
      return ended({ status: response.status, version: response.headers.get(versionHeader) });
    } catch (error) {
      return ended({ status: 0, version: null, error: describe(error) });
    }
  };
}

/**
 * fetch says only "fetch failed"; its cause says why (ECONNREFUSED, a reset, the timeout). Read by
 * shape, not instanceof: under Jest, fetch's errors come from another realm.
 */
function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: string; cause?: { code?: string; message?: string } };
  if (message === undefined) return String(error);
  return cause ? `${message}: ${cause.code ?? cause.message}` : message;
}

function validate(options: TrafficOptions): void {
  if (!(options.ratePerSec > 0)) throw new Error(`ratePerSec must be positive, was ${options.ratePerSec}`);
  if (!(options.concurrency >= 1)) throw new Error(`concurrency must be at least 1, was ${options.concurrency}`);
  if (options.body !== undefined && options.bodies !== undefined) throw new Error('give body or bodies, not both');
  if (options.bodies?.length === 0) throw new Error('bodies is empty');
  if (options.sticky?.keys.length === 0) throw new Error('sticky.keys is empty');
}
