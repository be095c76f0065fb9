import { Command } from 'commander';
import { momentArg } from '../../arguments';
import { LedgerClient } from '../../connecting/ledger-client';
import { table } from '../../printing/output';
import { act, Cli, examples } from '../../session';
import { modelPath } from '../../versions/version-view';

interface AuditEvent {
  position: number;
  type: string;
  occurredAt: string;
  actor: { id: string; kind: string };
  correlationId: string;
  data: Record<string, unknown>;
}

interface Timeline {
  modelId: string;
  name: string;
  deleted: boolean;
  events: AuditEvent[];
  nextAfter: number | null;
}

export function registerAudit(program: Command, cli: Cli): void {
  const command = program
    .command('audit')
    .description("A model's audit timeline from its event log: who did what, when, in which flow")
    .argument('<model>', 'registered model name (a deleted model’s history stays readable)')
    .option('--as-of <time>', 'only what had happened by this moment (ISO-8601)', momentArg)
    .action(
      act(cli, async ({ client, out }, model: string, options: { asOf?: string }) => {
        const timeline = await readTimeline(client, model, options.asOf);
        out.result(timeline, () =>
          table(
            out.colours,
            ['#', 'When', 'Who', 'Event', 'What'],
            timeline.events.map((e) => [e.position, e.occurredAt, e.actor.id, e.type, summaryOf(e.data)]),
          ),
        );
      }),
    );
  examples(command, ['audit churn', 'audit churn --as-of 2026-03-03T14:00:00Z', 'audit churn -o json | jq .events']);
}

/** Every page, stopping at the first event after `asOf` (the log is in order). */
async function readTimeline(
  client: LedgerClient,
  model: string,
  asOf?: string,
): Promise<Timeline & { asOf: string | null }> {
  const events: AuditEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await client.get<Timeline>('registry', `${modelPath(model)}/audit`, { after, limit: 1000 });
    const kept = asOf ? page.events.filter((e) => Date.parse(e.occurredAt) <= Date.parse(asOf)) : page.events;
    events.push(...kept);
    if (page.nextAfter === null || kept.length < page.events.length)
      return { ...page, events, nextAfter: null, asOf: asOf ?? null };
    after = page.nextAfter;
  }
}

/** The event's few telling fields: version, stage, alias, tag… (ids and names are in the other columns). */
export function summaryOf(data: Record<string, unknown>): string {
  const skip = new Set(['modelId', 'name', 'signature', 'description']);
  return Object.entries(data)
    .filter(([key, value]) => !skip.has(key) && value !== null && value !== '' && typeof value !== 'object')
    .slice(0, 5)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
}
