import { setTimeout as sleep } from 'node:timers/promises';
import { OutcomeError } from './connecting/cli-errors';

export interface WatchOptions {
  intervalMs: number;
  timeoutSeconds: number;
}

/** Reads until `done` says so, calling `seen` with each answer; gives up after the timeout (exit 1). */
export async function watchUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  seen: (value: T) => void,
  options: WatchOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  for (;;) {
    const value = await read();
    seen(value);
    if (done(value)) return value;
    if (Date.now() > deadline) throw new OutcomeError(`TIMEOUT: still not finished after ${options.timeoutSeconds} s`);
    await sleep(options.intervalMs);
  }
}
