import { setTimeout as sleep } from 'node:timers/promises';
import { OutcomeError, RefusedError } from './connecting/cli-errors';

export interface WatchOptions {
  intervalMs: number;
  timeoutSeconds: number;
}

/**
 * The services answer 202 before their read models have caught up: a 404 right after is "not
 * yet" (null), not an error.
 */
export function pendingOn404<T>(read: () => Promise<T>): () => Promise<T | null> {
  return () =>
    read().catch((error) => {
      if (error instanceof RefusedError && error.status === 404) return null;
      throw error;
    });
}

/** Reads until `done` says so, calling `seen` with each answer; gives up after the timeout (exit 1). */
export async function watchUntil<T>(
  read: () => Promise<T | null>,
  done: (value: T) => boolean,
  seen: (value: T) => void,
  options: WatchOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (;;) {
    const value = await read();
    if (value !== null) seen(value);
    if (value !== null && done(value)) return value;
    if (Date.now() > deadline) throw new OutcomeError(`TIMEOUT: still not finished after ${options.timeoutSeconds} s`);
    await sleep(options.intervalMs);
  }
}
