import { Command } from 'commander';
import { table } from '../../printing/output';
import { act, Cli, examples } from '../../session';
import { modelPath } from '../../versions/version-view';

interface ChangelogEntry {
  version: number;
  label: string | null;
  reason: string | null;
  previousVersion: number | null;
  metrics: Record<string, { value: number; previous: number | null; delta: number | null }>;
  registeredBy: string;
  runId: string;
  createdAt: string;
}

export function registerChangelog(program: Command, cli: Cli): void {
  const command = program
    .command('changelog')
    .description("A model's changelog: each version's label and why, metric deltas, who and which run")
    .argument('<model>', 'registered model name')
    .action(
      act(cli, async ({ client, out }, model: string) => {
        const entries: ChangelogEntry[] = [];
        let after = 0;
        for (;;) {
          const page = await client.get<{ entries: ChangelogEntry[]; nextAfter: number | null }>(
            'registry',
            `${modelPath(model)}/changelog`,
            { after, limit: 1000 },
          );
          entries.push(...page.entries);
          if (page.nextAfter === null) break;
          after = page.nextAfter;
        }
        out.result({ name: model, entries }, () =>
          table(
            out.colours,
            ['Version', 'Label', 'Why', 'Metrics', 'By', 'Run', 'When'],
            entries.map((e) => [e.version, e.label, e.reason, deltas(e), e.registeredBy, e.runId, e.createdAt]),
          ),
        );
      }),
    );
  examples(command, ['changelog churn', 'changelog churn -o yaml']);
}

function deltas(entry: ChangelogEntry): string {
  return Object.entries(entry.metrics)
    .map(([key, m]) =>
      m.delta === null
        ? `${key}=${m.value}`
        : `${key}=${m.value} (${m.delta >= 0 ? '+' : ''}${Number(m.delta.toPrecision(3))})`,
    )
    .join(', ');
}
