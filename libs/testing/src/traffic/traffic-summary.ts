// Pure summaries of what a traffic generator saw, for end-to-end assertions such as "the share
// of failed requests was no higher than the canary weight" or "every request with sticky key k
// was served by one version". Times are the epoch ms the report records.
import { TrafficResponse } from './traffic-report';

/** Key for answers without a version header, and for requests that got no answer. */
export const NO_VERSION = '(none)';

export const isFailure = (response: TrafficResponse): boolean => response.status < 200 || response.status >= 300;

export interface Tally {
  requests: number;
  failed: number;
}

/** Share (0..1) of the successful answers each version served. */
export function sharesByVersion(responses: readonly TrafficResponse[]): Record<string, number> {
  const served = responses.filter((response) => !isFailure(response));
  const counts = countBy(served, versionOf);
  return Object.fromEntries(Object.entries(counts).map(([version, n]) => [version, n / served.length]));
}

/** Share (0..1) of requests that failed: no answer, or an answer other than 2xx. 0 when none were sent. */
export function failureShare(responses: readonly TrafficResponse[]): number {
  return responses.length === 0 ? 0 : responses.filter(isFailure).length / responses.length;
}

/** Requests and failures per version that answered (NO_VERSION: no header, or no answer at all). */
export function failuresByVersion(responses: readonly TrafficResponse[]): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const response of responses) {
    const tally = (out[versionOf(response)] ??= { requests: 0, failed: 0 });
    tally.requests++;
    if (isFailure(response)) tally.failed++;
  }
  return out;
}

export interface Window extends Tally {
  /** Epoch ms, inclusive start and exclusive end, by the time requests were sent. */
  from: number;
  to: number;
}

/** Requests and failures in consecutive windows of `windowMs`, from the first request sent. */
export function failuresByWindow(responses: readonly TrafficResponse[], windowMs: number): Window[] {
  if (!(windowMs > 0)) throw new Error(`windowMs must be positive, was ${windowMs}`);
  if (responses.length === 0) return [];
  // reduce, not Math.min(...): a long run has more responses than a call takes arguments.
  const start = responses.reduce((min, r) => Math.min(min, r.sentAt), Infinity);
  const end = responses.reduce((max, r) => Math.max(max, r.sentAt), -Infinity);
  const windows: Window[] = [];
  for (let from = start; from <= end; from += windowMs)
    windows.push({ from, to: from + windowMs, requests: 0, failed: 0 });
  for (const response of responses) {
    const window = windows[Math.floor((response.sentAt - start) / windowMs)];
    window.requests++;
    if (isFailure(response)) window.failed++;
  }
  return windows;
}

/** Requests sent in [from, to): e.g. those sent while a scale from 3 to 5 replicas was under way. */
export function sentBetween(responses: readonly TrafficResponse[], from: number, to = Infinity): TrafficResponse[] {
  return responses.filter((response) => response.sentAt >= from && response.sentAt < to);
}

/** The versions that answered each sticky key (requests without a key are left out). */
export function versionsByKey(responses: readonly TrafficResponse[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const response of responses) {
    if (response.key === undefined || isFailure(response)) continue;
    (out[response.key] ??= new Set()).add(versionOf(response));
  }
  return Object.fromEntries(Object.entries(out).map(([key, versions]) => [key, [...versions].sort()]));
}

/** Successful answers per version: the counts behind sharesByVersion. */
export function answersByVersion(responses: readonly TrafficResponse[]): Record<string, number> {
  return countBy(
    responses.filter((response) => !isFailure(response)),
    versionOf,
  );
}

function versionOf(response: TrafficResponse): string {
  return response.version ?? NO_VERSION;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}
