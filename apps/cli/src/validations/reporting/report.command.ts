import { Command } from 'commander';
import { act, Cli, examples } from '../../session';
import { runReport, RunView } from '../validation-run';

export function registerReport(program: Command, cli: Cli): void {
  const command = program
    .command('report')
    .description("A validation run's report: its verdict and every check's outcome")
    .argument('<run>', 'validation run id (printed by `mledger validate`)')
    .action(
      act(cli, async ({ client, out }, runId: string) => {
        const run = await client.get<RunView>('validator', `/api/v1/validations/${encodeURIComponent(runId)}`);
        out.result(run, () => runReport(out.colours, run));
      }),
    );
  examples(command, ['report 0193a3c4-5f0c-7d2a-9b1f-4a7e2c9d8b10', 'report 0193a3c4-… -o json']);
}
