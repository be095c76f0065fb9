import { Command } from 'commander';
import { positiveIntArg } from '../../arguments';
import { act, Cli, examples } from '../../session';
import { handledText, RolloutHandled, targetPath } from '../deployment-view';

export function registerScale(program: Command, cli: Cli): void {
  const command = program
    .command('scale')
    .description('Change the replicas serving a model in an environment, without dropping a request')
    .argument('<model>', 'registered model name')
    .argument('<replicas>', 'replicas', positiveIntArg)
    .requiredOption('--env <environment>', 'environment')
    .action(
      act(cli, async ({ client, out }, model: string, replicas: number, options: { env: string }) => {
        const handled = await client.send<RolloutHandled>(
          'deployer',
          'POST',
          `${targetPath(options.env, model)}/scale`,
          {
            replicas,
          },
        );
        out.result(handled, () => handledText(`scale of ${model} in ${options.env} to ${replicas}`, handled));
      }),
    );
  examples(command, ['scale churn 5 --env production']);
}
