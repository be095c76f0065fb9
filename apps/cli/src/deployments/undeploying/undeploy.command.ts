import { Command } from 'commander';
import { act, Cli, examples } from '../../session';
import { handledText, RolloutHandled, targetPath } from '../deployment-view';

export function registerUndeploy(program: Command, cli: Cli): void {
  const command = program
    .command('undeploy')
    .description('Stop serving a model in an environment: routes removed, every version unloaded')
    .argument('<model>', 'registered model name')
    .requiredOption('--env <environment>', 'environment')
    .option('--reason <text>', 'why')
    .action(
      act(cli, async ({ client, out }, model: string, options: { env: string; reason?: string }) => {
        const handled = await client.request<RolloutHandled>('deployer', 'DELETE', targetPath(options.env, model), {
          body: { reason: options.reason },
        });
        out.result(handled, () => handledText(`undeploy of ${model} from ${options.env}`, handled));
      }),
    );
  examples(command, ['undeploy churn --env staging --reason retired']);
}
