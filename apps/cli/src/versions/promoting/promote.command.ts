import { Command } from 'commander';
import { versionArg } from '../../arguments';
import { act, Cli, examples } from '../../session';
import { modelPath, VersionView } from '../version-view';
import { versionFields } from '../version-fields';

export function registerPromote(program: Command, cli: Cli): void {
  const command = program
    .command('promote')
    .description('Move a version to a stage (None, Staging, Production, Archived)')
    .argument('<model>', 'registered model name')
    .argument('<version>', 'version number', versionArg)
    .argument('<stage>', 'None, Staging, Production or Archived (any case)')
    .option('--archive-existing', 'archive the versions already in that stage (Staging/Production)')
    .action(
      act(cli, async ({ client, out }, model: string, version: number, stage: string, options) => {
        const moved = await client.send<VersionView>(
          'registry',
          'POST',
          `${modelPath(model)}/versions/${version}/stage`,
          { stage, archiveExistingVersions: (options as { archiveExisting?: boolean }).archiveExisting === true },
        );
        out.result(moved, () => versionFields(out.colours, moved));
      }),
    );
  examples(command, ['promote churn 7 Staging', 'promote churn 7 production --archive-existing']);
}
