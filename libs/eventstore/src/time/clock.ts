/**
 * The one source of "now" for everything impure around a decision: command metadata, timers,
 * retention. Deciders never read it; they get the time in metadata. Tests inject a ManualClock
 * and move time instead of waiting for it.
 */
export interface Clock {
  now(): Date;
  /** Resolves after `ms` of this clock's time, or at once when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

interface Sleeper {
  until: number;
  resolve: () => void;
}

/** A clock that moves only when told to: sleepers wake when the time passes their deadline. */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Sleeper[] = [];

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = { until: this.current + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => this.wake((s) => s === sleeper), { once: true });
    });
  }

  advance(ms: number): void {
    this.set(new Date(this.current + ms));
  }

  /** Time never runs backwards: a moment before now is refused. */
  set(moment: Date | string): void {
    const next = new Date(moment).getTime();
    if (next < this.current)
      throw new Error(
        `a clock does not go back: ${new Date(next).toISOString()} is before ${this.now().toISOString()}`,
      );
    this.current = next;
    this.wake((s) => s.until <= this.current);
  }

  private wake(which: (s: Sleeper) => boolean): void {
    const woken = this.sleepers.filter(which);
    this.sleepers = this.sleepers.filter((s) => !which(s));
    for (const sleeper of woken) sleeper.resolve();
  }
}
