import { Command, InvalidArgumentError } from 'commander';
import { act, Cli, examples } from '../../session';
import { fields } from '../../printing/output';
import type { VersionView } from '../version-view';

interface Resolved {
  uri: string;
  name: string;
  version: VersionView;
  location: string;
}

function uriArg(value: string): string {
  if (!value.startsWith('models:/')) throw new InvalidArgumentError(`"${value}" is not a models:/ URI.`);
  return value;
}

export function registerResolve(program: Command, cli: Cli): void {
  const command = program
    .command('resolve')
    .description('Resolve a models:/ URI to a version and where its files are')
    .argument('<uri>', 'models:/<name>/<version|stage|latest> or models:/<name>@<alias>', uriArg)
    .action(
      act(cli, async ({ client, out }, uri: string) => {
        const resolved = await client.get<Resolved>('registry', '/api/v1/resolve', { uri });
        out.result(resolved, () =>
          fields(out.colours, [
            ['URI', resolved.uri],
            ['Model', resolved.name],
            ['Version', resolved.version.version],
            ['Stage', resolved.version.stage],
            ['Label', resolved.version.semver?.label],
            ['Location', resolved.location],
            ['Artifact sha256', resolved.version.artifact?.sha256],
          ]),
        );
      }),
    );
  examples(command, ['resolve models:/churn@champion', 'resolve models:/churn/Production -o json']);
}
