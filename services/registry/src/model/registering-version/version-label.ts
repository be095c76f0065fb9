import { ValidationError } from '@ledger/contracts';

const LABEL = /^(\d{8}|\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/;

/** A team's label: a calendar date as YYYYMMDD (`20240226`) or a semantic version (`1.0.0`, `2.1.0-rc.1`). */
export function validateVersionLabel(label: string): string {
  if (!LABEL.test(label))
    throw new ValidationError(
      `label: "${label}" must be a date (YYYYMMDD, e.g. 20240226) or a semantic version (e.g. 1.0.0)`,
      { label },
    );
  if (/^\d{8}$/.test(label) && !isCalendarDate(label))
    throw new ValidationError(`label: "${label}" is not a calendar date (YYYYMMDD)`, { label });
  return label;
}

function isCalendarDate(label: string): boolean {
  const [year, month, day] = [label.slice(0, 4), label.slice(4, 6), label.slice(6, 8)].map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
