import { Command } from 'commander';
import { act, Cli, examples } from '../../session';
import { runDetails, runPath, RunSummary } from '../pipeline-run';

export function registerShow(pipeline: Command, cli: Cli): void {
  const command = pipeline
    .command('show')
    .description('One pipeline run: its steps, their status and attempts')
    .argument('<run>', 'run id')
    .action(
      act(cli, async ({ client, out }, runId: string) => {
        const run = await client.get<RunSummary>('orchestrator', runPath(runId));
        out.result(run, () => runDetails(out.colours, run));
      }),
    );
  examples(command, ['pipeline show 0193a3c4-…', 'pipeline show 0193a3c4-… -o yaml']);
}
