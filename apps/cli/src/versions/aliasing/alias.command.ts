import { Command, InvalidArgumentError } from 'commander';
import { versionArg } from '../../arguments';
import { act, Cli, examples } from '../../session';
import { versionFields } from '../version-fields';
import { modelPath, VersionView } from '../version-view';

/** `--expect 3`, or `--expect none` for "must be unset now". */
function expectArg(value: string): number | null {
  if (value.toLowerCase() === 'none') return null;
  try {
    return versionArg(value);
  } catch {
    throw new InvalidArgumentError(`"${value}" is not a version number or "none".`);
  }
}

export function registerAlias(program: Command, cli: Cli): void {
  const command = program
    .command('alias')
    .description('Point an alias at a version; with --expect, only if it points where you think (compare-and-set)')
    .argument('<model>', 'registered model name')
    .argument('<alias>', 'alias, e.g. champion')
    .argument('<version>', 'version number', versionArg)
    .option('--expect <version|none>', 'the version the alias must point at now ("none": unset)', expectArg)
    .action(
      act(cli, async ({ client, out }, model: string, alias: string, version: number, options) => {
        const { expect } = options as { expect?: number | null };
        const body = expect === undefined ? { version } : { version, expectedVersion: expect };
        const moved = await client.send<VersionView>(
          'registry',
          'PUT',
          `${modelPath(model)}/aliases/${encodeURIComponent(alias)}`,
          body,
        );
        out.result(moved, () => versionFields(out.colours, moved));
      }),
    );
  examples(command, [
    'alias churn champion 7',
    'alias churn champion 8 --expect 7   # refused (exit 1, CONCURRENT_MODIFICATION) if someone moved it',
    'alias churn challenger 8 --expect none',
  ]);
}
