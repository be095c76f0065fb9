import { InvalidArgumentError } from 'commander';

/** A version number: a whole number from 1. */
export function versionArg(value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647)
    throw new InvalidArgumentError(`"${value}" is not a version number (1, 2, …).`);
  return Number(value);
}

export function positiveIntArg(value: string): number {
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a positive whole number.`);
  return Number(value);
}

/** Repeatable `--metric auc=0.91`: numbers only. */
export function metricArg(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const [key, raw] = pairOf(value);
  const number = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(number))
    throw new InvalidArgumentError(`"${value}": a metric's value must be a number (key=0.91).`);
  return { ...previous, [key]: number };
}

/** Repeatable `--tag team=growth` / `--param depth=6`. */
export function pairArg(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const [key, raw] = pairOf(value);
  return { ...previous, [key]: raw };
}

function pairOf(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`"${value}" is not key=value.`);
  return [value.slice(0, at), value.slice(at + 1)];
}

/** `--metrics auc,f1`. */
export function listArg(value: string): string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError('give at least one name (a,b,c).');
  return items;
}

/** `--as-of 2026-03-03T14:00:00Z`: an ISO-8601 moment. */
export function momentArg(value: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time))
    throw new InvalidArgumentError(`"${value}" is not an ISO-8601 date or time (2026-03-03T14:00:00Z).`);
  return new Date(time).toISOString();
}
