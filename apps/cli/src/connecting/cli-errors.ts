/** Exit codes scripts can rely on (documented in `mledger --help`). */
export const EXIT = { ok: 0, refused: 1, usage: 2, unreachable: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Something the CLI can say in one line and end with a known exit code. */
export abstract class CliError extends Error {
  abstract readonly exitCode: ExitCode;
  /** The one line printed on stderr. */
  abstract line(): string;
}

/** Bad arguments, options or local files: nothing was sent. */
export class UsageError extends CliError {
  readonly exitCode = EXIT.usage;
  line(): string {
    return `error: ${this.message}`;
  }
}

/** The server answered and said no: its error_code and message, as it sent them. */
export class RefusedError extends CliError {
  readonly exitCode = EXIT.refused;
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
  line(): string {
    return `${this.errorCode}: ${this.message}`;
  }
}

/** No answer at all: connection refused, DNS, timeout. */
export class UnreachableError extends CliError {
  readonly exitCode = EXIT.unreachable;
  constructor(
    readonly service: string,
    readonly url: string,
    reason: string,
  ) {
    super(`cannot reach the ${service} at ${url} (${reason})`);
  }
  line(): string {
    return `UNREACHABLE: ${this.message}`;
  }
}

/** A local, expected refusal (a watched run ended badly, a verdict was a failure). */
export class OutcomeError extends CliError {
  readonly exitCode = EXIT.refused;
  line(): string {
    return this.message;
  }
}
