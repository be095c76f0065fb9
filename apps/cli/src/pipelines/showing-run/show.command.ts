import { Command } from 'commander';
import { act, Cli, examples } from '../../session';
import { RunDetail, runDetails, runPath } from '../pipeline-run';

export function registerShow(pipeline: Command, cli: Cli): void {
  const command = pipeline
    .command('show')
    .description('One pipeline run: its steps, their status and attempts')
    .argument('<run>', 'run id')
    .action(
      act(cli, async ({ client, out }, runId: string) => {
        const detail = await client.get<RunDetail>('orchestrator', runPath(runId));
        out.result(detail, () => runDetails(out.colours, detail, runId));
      }),
    );
  examples(command, ['pipeline show 0193a3c4-…', 'pipeline show 0193a3c4-… -o yaml']);
}
