import { Command } from 'commander';
import { pairArg, versionArg } from '../../arguments';
import { act, Cli, examples } from '../../session';

export function registerStart(pipeline: Command, cli: Cli): void {
  const command = pipeline
    .command('start')
    .description("Start a model's promotion pipeline for a version")
    .argument('<model>', 'registered model name')
    .argument('<version>', 'version number', versionArg)
    .option('--param <key=value>', 'a pipeline parameter (repeatable)', pairArg)
    .action(
      act(cli, async ({ client, out }, model: string, version: number, options: { param?: Record<string, string> }) => {
        const run = await client.send<{ runId: string; queued: boolean; superseded: string[] }>(
          'orchestrator',
          'POST',
          `/api/v1/pipelines/${encodeURIComponent(model)}/runs`,
          {
            version,
            parameters: options.param,
          },
        );
        out.result(
          run,
          () => `run ${run.runId} ${run.queued ? 'queued (the model has its most runs going)' : 'started'}`,
        );
      }),
    );
  examples(command, ['pipeline start churn 7', 'pipeline start churn 7 --param environment=staging']);
}
