import { Command } from 'commander';
import { act, Cli, examples } from '../../session';
import { runPath, SteerAnswer, steered } from '../pipeline-run';

export function registerCancel(pipeline: Command, cli: Cli): void {
  const command = pipeline
    .command('cancel')
    .description('Cancel a pipeline run')
    .argument('<run>', 'run id')
    .option('--reason <text>', 'why')
    .action(
      act(cli, async ({ client, out }, runId: string, options: { reason?: string }) => {
        const answer = await client.send<SteerAnswer>('orchestrator', 'POST', `${runPath(runId)}/cancel`, {
          reason: options.reason,
        });
        out.result(answer, () => steered(`cancel of run ${runId}`, answer));
      }),
    );
  examples(command, ['pipeline cancel 0193a3c4-… --reason "superseded by v8"']);
}
