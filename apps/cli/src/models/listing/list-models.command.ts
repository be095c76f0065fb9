import { Command, Option } from 'commander';
import { positiveIntArg } from '../../arguments';
import { act, Cli, examples } from '../../session';
import { table } from '../../printing/output';

interface ModelView {
  name: string;
  description: string;
  tags: Record<string, string>;
  latestVersion: number | null;
  updatedAt: string;
}

interface ModelsPage {
  models: ModelView[];
  nextPageToken: string | null;
}

interface ListOptions {
  filter?: string;
  max: number;
}

export function registerModelCommands(program: Command, cli: Cli): void {
  const models = program.command('models').description('Registered models');
  const list = models
    .command('list')
    .description('List registered models, by name')
    .option('--filter <expr>', "MLflow's filter grammar, e.g. \"name LIKE 'churn%'\"")
    .addOption(new Option('--max <n>', 'at most this many models').default(100).argParser(positiveIntArg))
    .action(
      act(cli, async ({ client, out }, options: ListOptions) => {
        const models: ModelView[] = [];
        let pageToken: string | undefined;
        do {
          const page = await client.get<ModelsPage>('registry', '/api/v1/models', {
            filter: options.filter,
            orderBy: 'name ASC',
            maxResults: Math.min(options.max - models.length, 1000),
            pageToken,
          });
          models.push(...page.models);
          pageToken = page.nextPageToken ?? undefined;
        } while (pageToken && models.length < options.max);
        out.result({ models }, () =>
          models.length === 0
            ? 'No registered models.'
            : table(
                out.colours,
                ['Name', 'Latest', 'Description', 'Tags', 'Updated'],
                models.map((m) => [m.name, m.latestVersion, m.description, tagsText(m.tags), m.updatedAt]),
              ),
        );
      }),
    );
  examples(list, ['models list', 'models list --filter "name LIKE \'churn%\'" -o json']);
}

export const tagsText = (tags: Record<string, string>): string =>
  Object.entries(tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
