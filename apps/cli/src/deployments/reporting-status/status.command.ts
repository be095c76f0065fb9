import { Command } from 'commander';
import { statusColour } from '../../printing/colours';
import { table } from '../../printing/output';
import { act, Cli, examples } from '../../session';
import type { DeploymentStatus } from '../../versions/listing/version-facts';

interface StatusOptions {
  env?: string;
  model?: string;
}

export function registerStatus(program: Command, cli: Cli): void {
  const command = program
    .command('status')
    .description('What serves where: per environment and model, the stable version and any rollout in progress')
    .option('--env <environment>', 'only this environment')
    .option('--model <name>', 'only this model')
    .action(
      act(cli, async ({ client, out }, options: StatusOptions) => {
        const status = await client.get<DeploymentStatus>('deployer', '/api/v1/deployments/status');
        const environments = status.environments
          .filter((e) => !options.env || e.environment === options.env)
          .map((e) => ({ ...e, models: e.models.filter((m) => !options.model || m.name === options.model) }))
          .filter((e) => e.models.length > 0);
        const rows = environments.flatMap(({ environment, models }) =>
          models.map((m) => [
            environment,
            m.name,
            m.stableVersion,
            m.replicas,
            m.rollout && `v${m.rollout.version} ${m.rollout.strategy} ${m.rollout.weight}%`,
            m.rollout && statusColour(out.colours, m.rollout.phase),
          ]),
        );
        out.result({ environments }, () =>
          rows.length === 0
            ? 'Nothing deployed.'
            : table(out.colours, ['Environment', 'Model', 'Stable', 'Replicas', 'Rollout', 'Phase'], rows),
        );
      }),
    );
  examples(command, ['status', 'status --env production', 'status --model churn -o yaml']);
}
