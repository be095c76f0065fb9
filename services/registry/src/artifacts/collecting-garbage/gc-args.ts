import { DEFAULT_OLDER_THAN_MS } from './collect-garbage';

export const GC_USAGE = 'usage: gc.main.ts [--apply] [--older-than-minutes N]   (a dry run unless --apply)';

export interface GcArgs {
  dryRun: boolean;
  olderThanMs: number;
}

/** The collector's command line: deleting is opt-in, so a mistyped command only reports. */
export function parseGcArgs(argv: string[]): GcArgs {
  const args: GcArgs = { dryRun: true, olderThanMs: DEFAULT_OLDER_THAN_MS };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--apply') args.dryRun = false;
    else if (argv[i] === '--older-than-minutes') args.olderThanMs = minutes(argv[++i]) * 60_000;
    else throw new Error(`unknown argument ${JSON.stringify(argv[i])}\n${GC_USAGE}`);
  }
  return args;
}

// Whole minutes, at least one: a threshold near zero would take temp files from uploads in flight.
function minutes(raw: string | undefined): number {
  const value = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`--older-than-minutes needs a whole number of minutes >= 1, not ${raw ?? 'nothing'}\n${GC_USAGE}`);
  return value;
}
