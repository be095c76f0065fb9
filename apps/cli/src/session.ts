import { Command } from 'commander';
import { resolveConfig, CliConfig } from './connecting/cli-config';
import { LedgerClient } from './connecting/ledger-client';
import { coloursFor } from './printing/colours';
import { Output, outputTo } from './printing/output';

/** The process's surroundings, passed in so the whole CLI runs the same under test. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** What one command's action works with: the services' client and its output. */
export interface Session {
  config: CliConfig;
  client: LedgerClient;
  out: Output;
}

export interface Cli {
  io: CliIo;
  session(command: Command): Session;
}

export function cliOf(io: CliIo): Cli {
  return {
    io,
    session(command) {
      const globals = command.optsWithGlobals<{ output?: string; config?: string }>();
      const config = resolveConfig({ env: io.env, cwd: io.cwd, configPath: globals.config, output: globals.output });
      const colours = coloursFor(io.stdout, io.env);
      const out = outputTo(config.output, colours, (text) => io.stdout.write(text), io.stderr);
      return { config, client: new LedgerClient(config), out };
    },
  };
}

/**
 * An action given its session: commander passes the positional arguments, the options and the
 * command; the command is what the session is read from.
 */
export function act<A extends unknown[]>(cli: Cli, fn: (session: Session, ...args: A) => Promise<void>) {
  return async (...raw: unknown[]): Promise<void> => {
    const command = raw[raw.length - 1] as Command;
    await fn(cli.session(command), ...(raw.slice(0, -1) as A));
  };
}

/** `--help` examples, one `$ mledger …` line each (a trailing `# …` explains it). */
export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((line) => `  $ mledger ${line}`).join('\n')}\n`);
}
