/** ANSI colours, or none: only on a terminal, never with NO_COLOR set (https://no-color.org). */
export interface Colours {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const wrap = (enabled: boolean, open: number, close: number) => (text: string) =>
  enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export function coloursFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Colours {
  const enabled = stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  return {
    enabled,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    green: wrap(enabled, 32, 39),
    red: wrap(enabled, 31, 39),
    yellow: wrap(enabled, 33, 39),
    cyan: wrap(enabled, 36, 39),
  };
}

/** A verdict or phase, coloured by how it went. */
export function statusColour(colours: Colours, status: string): string {
  if (/^(passed|succeeded|ready|stable|ok)$/i.test(status)) return colours.green(status);
  if (/^(failed|error|rolled[-_ ]?back|aborted|rejected|cancell?ed)$/i.test(status)) return colours.red(status);
  if (/^(running|progressing|paused|pending|waiting|awaiting.*)$/i.test(status)) return colours.yellow(status);
  return status;
}
