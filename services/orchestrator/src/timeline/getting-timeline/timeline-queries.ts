import { NotFoundError } from '@ledger/contracts';
import type { Queryable } from '@ledger/eventstore';

export interface TimelineEntry {
  service: 'registry' | 'validator' | 'deployer' | 'orchestrator';
  type: string;
  occurredAt: string;
  eventId: string;
  correlationId: string | null;
  causationId: string | null;
  actor: { id: string; kind: string } | null;
  summary: string;
  data: Record<string, unknown>;
}

/** Every event about one version, in all four services, by when it happened, then by log position. */
export async function versionTimeline(on: Queryable, name: string, version: number): Promise<TimelineEntry[]> {
  const rows: TimelineEntry[] = await on.query(
    `SELECT service, type, occurred_at AS "occurredAt", event_id AS "eventId", correlation_id AS "correlationId",
       causation_id AS "causationId", actor, summary, data
     FROM version_timeline WHERE name = $1 AND version = $2 ORDER BY occurred_at, position`,
    [name, version],
  );
  if (rows.length === 0)
    throw new NotFoundError(`no events of version ${version} of registered model "${name}" reached the orchestrator`, {
      name,
      version,
    });
  return rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt).toISOString() }));
}
