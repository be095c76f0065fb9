import { Command, Option } from 'commander';
import { fields } from '../../printing/output';
import { act, Cli, examples } from '../../session';
import { modelPath, VersionView } from '../version-view';

interface Best {
  metric: string;
  goal: 'max' | 'min';
  stage: string | null;
  version: VersionView;
  value: number;
  considered: number;
  withoutMetric: number[];
}

export function registerBest(program: Command, cli: Cli): void {
  const command = program
    .command('best')
    .description('The best version by a metric, optionally within a stage (a tie goes to the newest)')
    .argument('<model>', 'registered model name')
    .requiredOption('--metric <name>', 'the metric to rank by')
    .addOption(new Option('--goal <goal>', 'max or min').choices(['max', 'min']).default('max'))
    .option('--stage <stage>', 'only versions in this stage')
    .action(
      act(cli, async ({ client, out }, model: string, options: { metric: string; goal: string; stage?: string }) => {
        const best = await client.get<Best>('registry', `${modelPath(model)}/best`, options);
        out.result(best, () =>
          fields(out.colours, [
            ['Version', best.version.version],
            [best.metric, best.value],
            ['Goal', best.goal],
            ['Stage', best.stage ?? 'any'],
            ['Label', best.version.semver?.label],
            ['Aliases', best.version.aliases.map((a) => `@${a}`).join(' ')],
            ['Considered', best.considered],
            ['Without the metric', best.withoutMetric.join(', ')],
          ]),
        );
      }),
    );
  examples(command, ['best churn --metric auc', 'best churn --metric logloss --goal min --stage Staging']);
}
