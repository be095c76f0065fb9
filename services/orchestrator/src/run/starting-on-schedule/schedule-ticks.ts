import { Cron } from 'croner';

/**
 * The first tick of a five-field (or six, seconds first) cron strictly after `after` (UTC unless a timezone is named);
 * null when it never fires again or the pattern is not one croner reads.
 */
export function nextTick(cron: string, timezone: string | undefined, after: Date): Date | null {
  try {
    const schedule = new Cron(cron, { paused: true, timezone: timezone ?? 'UTC', mode: '5-or-6-parts' });
    const next = schedule.nextRun(after);
    schedule.stop();
    return next;
  } catch {
    return null;
  }
}
