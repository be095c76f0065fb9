import { Command, CommanderError, Option } from 'commander';
import { OUTPUT_FORMATS } from './connecting/cli-config';
import { CliError, EXIT } from './connecting/cli-errors';
import { Cli, cliOf, CliIo } from './session';
import { registerModelCommands } from './models/listing/list-models.command';
import { registerVersionCommands } from './versions/version-commands';
import { registerValidationCommands } from './validations/validation-commands';
import { registerDeploymentCommands } from './deployments/deployment-commands';
import { registerPipelineCommands } from './pipelines/pipeline-commands';
import { registerAuditCommands } from './audit/audit-commands';
import { registerCompletion } from './completion/generating/completion.command';

const ENVIRONMENT_HELP = `
Configuration (flags beat the environment, which beats the config file):
  MLEDGER_URL               the registry (default http://127.0.0.1:8081)
  MLEDGER_VALIDATOR_URL     default: the registry's host, port 8082
  MLEDGER_DEPLOYER_URL      default: the registry's host, port 8083
  MLEDGER_ORCHESTRATOR_URL  default: the registry's host, port 8084
  MLEDGER_SERVING_URL       default: the registry's host, port 8085
  MLEDGER_TOKEN             API token, sent as Bearer (default: ./data/admin-token if present)
  NO_COLOR                  no colours (they are only used on a terminal anyway)
  config file               ~/.config/mledger/config.json or --config: {"url", "validatorUrl", …, "token", "output"}

Exit codes: 0 ok, 1 refused by the server (its error_code and message are printed), 2 usage, 3 unreachable.
`;

export function buildProgram(cli: Cli): Command {
  const program = new Command('mledger')
    .description('Model Ledger from a terminal: models, versions, validations, deployments, pipelines, audit.')
    .addOption(new Option('-o, --output <format>', 'table (default), json or yaml').choices(OUTPUT_FORMATS))
    .option('--config <file>', 'config file (default ~/.config/mledger/config.json)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void cli.io.stdout.write(text),
      writeErr: (text) => void cli.io.stderr.write(text),
    })
    .showHelpAfterError()
    .showSuggestionAfterError()
    .addHelpText('after', ENVIRONMENT_HELP);
  registerModelCommands(program, cli);
  registerVersionCommands(program, cli);
  registerValidationCommands(program, cli);
  registerDeploymentCommands(program, cli);
  registerPipelineCommands(program, cli);
  registerAuditCommands(program, cli);
  registerCompletion(program, cli);
  return program;
}

/** Runs one command line (without `node mledger`) and answers the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(cliOf(io));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Commander has printed its own message (and the usage) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      io.stderr.write(`${error.line()}\n`);
      return error.exitCode;
    }
    // Never a stack trace: one line, and the refusal code.
    io.stderr.write(`error: ${(error as Error)?.message ?? String(error)}\n`);
    return EXIT.refused;
  }
}
