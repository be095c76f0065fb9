import Table from 'cli-table3';
import { stringify } from 'yaml';
import type { OutputFormat } from '../connecting/cli-config';
import { Colours } from './colours';

export type Cell = string | number | boolean | null | undefined;

/** Where a command's answer goes: data on stdout (table, JSON or YAML), notes on stderr. */
export interface Output {
  format: OutputFormat;
  colours: Colours;
  /** JSON and YAML print `data` as is (a stable shape for scripts); a table prints `table()`. */
  result(data: unknown, table: () => string): void;
  /** Progress and remarks: stderr, so stdout stays parseable. */
  note(line: string): void;
  /** A line redrawn in place (a progress bar): on a terminal only. */
  progress(line: string): void;
  /** Ends the redrawn line, if any was drawn. */
  progressEnd(): void;
}

export function outputTo(
  format: OutputFormat,
  colours: Colours,
  stdout: (text: string) => void,
  stderr: { write(text: string): unknown; isTTY?: boolean },
): Output {
  let drawn = false;
  return {
    format,
    colours,
    result(data, table) {
      if (format === 'json') stdout(`${JSON.stringify(data, null, 2)}\n`);
      else if (format === 'yaml') stdout(stringify(data));
      else stdout(`${table()}\n`);
    },
    note: (line) => void stderr.write(`${line}\n`),
    progress(line) {
      if (!stderr.isTTY) return;
      drawn = true;
      stderr.write(`\r\u001b[K${line}`);
    },
    progressEnd() {
      if (drawn) stderr.write('\n');
      drawn = false;
    },
  };
}

/** A table with a header row; empty cells as "-". */
export function table(colours: Colours, head: string[], rows: Cell[][]): string {
  const t = new Table({
    head: head.map((h) => colours.bold(h)),
    style: { head: [], border: [], compact: false },
    wordWrap: false,
  });
  for (const row of rows) t.push(row.map(cellText));
  return t.toString();
}

/** Two columns: field and value. */
export function fields(colours: Colours, rows: [string, Cell][]): string {
  const t = new Table({ style: { head: [], border: [] } });
  for (const [key, value] of rows) t.push([colours.bold(key), cellText(value)]);
  return t.toString();
}

export function cellText(value: Cell): string {
  if (value === null || value === undefined || value === '') return '-';
  return String(value);
}
