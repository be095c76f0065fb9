import { Command } from 'commander';
import { versionArg } from '../../arguments';
import { Colours } from '../../printing/colours';
import { Cell, table } from '../../printing/output';
import { act, Cli, examples, Session } from '../../session';
import { optional } from '../listing/list-versions.command';
import { ValidationRun, verdictsByVersion } from '../listing/version-facts';
import { modelPath } from '../version-view';

export interface ComparedRow {
  key: string;
  values: (string | number | null)[];
  differs: boolean;
}

/** The registry's answer to GET /api/v1/models/{name}/compare. */
interface Comparison {
  name: string;
  versions: number[];
  facts: ComparedRow[];
  metrics: ComparedRow[];
  params: ComparedRow[];
  tags: ComparedRow[];
  signature: { inputs: ComparedRow[]; outputs: ComparedRow[]; differs: boolean };
}

export function registerCompare(program: Command, cli: Cli): void {
  const command = program
    .command('compare')
    .description(
      'Versions side by side: stage, label, validation, metrics, params, tags, signature; differences marked *',
    )
    .argument('<model>', 'registered model name')
    .argument('<versions...>', 'two or more version numbers', (value, previous: number[] = []) => [
      ...previous,
      versionArg(value),
    ])
    .action(act(cli, (session, model: string, versions: number[]) => compare(session, model, versions)));
  examples(command, ['compare churn 6 7', 'compare churn 5 6 7 -o json']);
}

async function compare({ client, out }: Session, model: string, versions: number[]): Promise<void> {
  const comparison = await client.get<Comparison>('registry', `${modelPath(model)}/compare`, {
    versions: versions.join(','),
  });
  const runs = await optional(out.note, 'validator', () =>
    client.get<{ runs: ValidationRun[] }>('validator', '/api/v1/validations', { model, limit: 1000 }),
  );
  const verdicts = verdictsByVersion(runs?.runs ?? []);
  const validation = comparison.versions.map((v) => verdicts.get(v)?.status ?? null);
  const withVerdicts: Comparison & { validation: ComparedRow } = {
    ...comparison,
    validation: { key: 'validation', values: validation, differs: validation.some((v) => v !== validation[0]) },
  };
  out.result(withVerdicts, () =>
    table(
      out.colours,
      ['Field', ...comparison.versions.map((v) => `v${v}`)],
      [
        ...[...comparison.facts, withVerdicts.validation].map((row) => line(out.colours, '', row)),
        ...comparison.metrics.map((row) => line(out.colours, 'metric ', row)),
        ...comparison.params.map((row) => line(out.colours, 'param ', row)),
        ...comparison.tags.map((row) => line(out.colours, 'tag ', row)),
        ...comparison.signature.inputs.map((row) => line(out.colours, 'input ', row)),
        ...comparison.signature.outputs.map((row) => line(out.colours, 'output ', row)),
      ],
    ),
  );
}

/** A differing row is starred (and yellow on a terminal), so a difference shows without colour too. */
function line(colours: Colours, prefix: string, row: ComparedRow): Cell[] {
  const name = `${row.differs ? '* ' : '  '}${prefix}${row.key}`;
  const values = row.values.map((v) => (v === null || v === '' ? '-' : String(v)));
  return row.differs ? [colours.yellow(name), ...values.map((v) => colours.yellow(v))] : [name, ...values];
}
