import { Command } from 'commander';
import { act, Cli, examples } from '../../session';
import { RunSummary, runsTable } from '../pipeline-run';

export function registerRuns(pipeline: Command, cli: Cli): void {
  const command = pipeline
    .command('runs')
    .description('Promotion pipeline runs, newest first')
    .option('--model <name>', 'only this model')
    .option('--status <status>', 'only runs in this status (e.g. running, waiting, succeeded, failed)')
    .action(
      act(cli, async ({ client, out }, options: { model?: string; status?: string }) => {
        const answer = await client.get<{ runs: RunSummary[] }>('orchestrator', '/api/v1/runs', options);
        out.result(answer, () => runsTable(out.colours, answer.runs));
      }),
    );
  examples(command, ['pipeline runs', 'pipeline runs --model churn --status running -o json']);
}
