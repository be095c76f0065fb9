import { Command } from 'commander';
import { versionArg } from '../../arguments';
import { act, Cli, examples } from '../../session';
import { handledText, RolloutHandled, targetPath } from '../deployment-view';

export function registerRollback(program: Command, cli: Cli): void {
  const command = program
    .command('rollback')
    .description('Serve the previous version again (or --to a named one)')
    .argument('<model>', 'registered model name')
    .requiredOption('--env <environment>', 'environment')
    .option('--to <version>', 'the version to serve', versionArg)
    .option('--reason <text>', 'why')
    .action(
      act(cli, async ({ client, out }, model: string, options: { env: string; to?: number; reason?: string }) => {
        const handled = await client.send<RolloutHandled>(
          'deployer',
          'POST',
          `${targetPath(options.env, model)}/rollback`,
          {
            toVersion: options.to,
            reason: options.reason,
          },
        );
        out.result(handled, () => handledText(`rollback of ${model} in ${options.env}`, handled));
      }),
    );
  examples(command, [
    'rollback churn --env production',
    'rollback churn --env production --to 6 --reason "p99 regression"',
  ]);
}
