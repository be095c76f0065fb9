import { Command, Option } from 'commander';
import { listArg } from '../../arguments';
import type { ServiceName } from '../../connecting/cli-config';
import { CliError } from '../../connecting/cli-errors';
import { LedgerClient } from '../../connecting/ledger-client';
import { statusColour } from '../../printing/colours';
import { table } from '../../printing/output';
import { act, Cli, examples, Session } from '../../session';
import type { VersionView } from '../version-view';
import { DeploymentStatus, servingByVersion, ValidationRun, Verdict, verdictsByVersion } from './version-facts';

export interface VersionRow extends VersionView {
  validation: Verdict | null;
  serving: string[];
}

export function registerListVersions(program: Command, cli: Cli): void {
  const command = program
    .command('versions')
    .description("A model's versions: stage, label, metrics, aliases, validation verdict, where it serves")
    .argument('<model>', 'registered model name')
    .addOption(new Option('--metrics <names>', 'metric columns, comma-separated').argParser(listArg))
    .action(
      act(cli, (session, model: string, options: { metrics?: string[] }) => listVersions(session, model, options)),
    );
  examples(command, ['versions churn', 'versions churn --metrics auc,f1', 'versions churn -o json | jq .versions']);
}

async function listVersions({ client, out }: Session, model: string, options: { metrics?: string[] }): Promise<void> {
  const versions = await allVersions(client, model);
  const [runs, status] = await Promise.all([
    optional(out.note, 'validator', () =>
      client.get<{ runs: ValidationRun[] }>('validator', '/api/v1/validations', { model, limit: 1000 }),
    ),
    optional(out.note, 'deployer', () => client.get<DeploymentStatus>('deployer', '/api/v1/deployments/status')),
  ]);
  const verdicts = verdictsByVersion(runs?.runs ?? []);
  const serving = status ? servingByVersion(status, model) : new Map<number, string[]>();
  const rows: VersionRow[] = versions.map((v) => ({
    ...v,
    validation: verdicts.get(v.version) ?? null,
    serving: serving.get(v.version) ?? [],
  }));
  const metrics = options.metrics ?? [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort().slice(0, 4);
  out.result({ name: model, versions: rows }, () =>
    rows.length === 0
      ? `Model ${model} has no versions.`
      : table(
          out.colours,
          ['Version', 'Stage', 'Label', ...metrics, 'Aliases', 'Validation', 'Serving'],
          rows.map((r) => [
            r.version,
            r.stage,
            r.semver?.label,
            ...metrics.map((m) => r.metrics[m]),
            r.aliases.map((a) => `@${a}`).join(' '),
            r.validation && statusColour(out.colours, r.validation.status),
            r.serving.join(', '),
          ]),
        ),
  );
}

async function allVersions(client: LedgerClient, model: string): Promise<VersionView[]> {
  const versions: VersionView[] = [];
  let after = 0;
  for (;;) {
    const page = await client.get<{ versions: VersionView[]; nextAfter: number | null }>(
      'registry',
      `/api/v1/models/${encodeURIComponent(model)}/versions`,
      { after, limit: 1000 },
    );
    versions.push(...page.versions);
    if (page.nextAfter === null) return versions;
    after = page.nextAfter;
  }
}

/** Facts from another service: shown when it answers, a note on stderr when it does not. */
export async function optional<T>(
  note: (line: string) => void,
  service: ServiceName,
  read: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    note(`note: no ${service} facts (${error.line()})`);
    return undefined;
  }
}
