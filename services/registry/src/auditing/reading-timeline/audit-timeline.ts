import { Actor, registryEvents } from '@ledger/contracts';
import { EventMetadata, Queryable } from '@ledger/eventstore';
import { modelStreamId } from '../../model/model';

export const AUDIT_PAGE_MAX = 1000;
export const AUDIT_PAGE_DEFAULT = 100;

export interface AuditEntry {
  /** The event's position in the model's stream (1, 2, …): what `after` pages on. */
  position: number;
  eventId: string;
  type: string;
  /** The schema version of `data` as shown: always the current one (older payloads are upcast). */
  schemaVersion: number;
  occurredAt: string;
  actor: Actor;
  correlationId: string;
  causationId: string | null;
  commandId?: string;
  data: Record<string, unknown>;
}

export interface AuditTimeline {
  modelId: string;
  /** The model's latest name (its name when deleted, for a deleted model). */
  name: string;
  deleted: boolean;
  events: AuditEntry[];
  /** Pass as `after` for the next page; null when this page reached the end of the stream. */
  nextAfter: number | null;
}

interface Row {
  position: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/** Every event of one model's stream after a position, oldest first; undefined when no such model ever existed. */
export async function readAuditTimeline(
  on: Queryable,
  modelId: string,
  after: number,
  limit: number,
): Promise<AuditTimeline | undefined> {
  const identity = await identityOf(on, modelId);
  if (!identity) return undefined;
  const rows: Row[] = await on.query(
    `SELECT stream_position::int AS position, event_id::text AS event_id, event_type AS type, schema_version, data, metadata
     FROM events WHERE stream_id = $1 AND stream_position > $2 ORDER BY stream_position LIMIT $3`,
    [modelStreamId(modelId), after, limit + 1],
  );
  const page = rows.slice(0, limit);
  return {
    ...identity,
    events: page.map(toEntry),
    nextAfter: rows.length > limit ? page[page.length - 1].position : null,
  };
}

function toEntry(row: Row): AuditEntry {
  const { metadata } = row;
  // An event type this build does not know yet is shown as stored rather than hidden.
  const known = registryEvents.knows(row.type);
  const current = known
    ? registryEvents.definitions().find((d) => d.type === row.type)!.schemaVersion
    : row.schema_version;
  return {
    position: row.position,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: current,
    occurredAt: metadata.occurredAt,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId ?? null,
    ...(metadata.commandId ? { commandId: metadata.commandId } : {}),
    data: known ? registryEvents.current(row.type, row.schema_version, row.data) : row.data,
  };
}

async function identityOf(
  on: Queryable,
  modelId: string,
): Promise<{ modelId: string; name: string; deleted: boolean } | undefined> {
  const rows: { name: string; deleted: boolean }[] = await on.query(
    `SELECT name, valid_to IS NOT NULL AS deleted FROM model_name_history WHERE model_id = $1 ORDER BY from_position DESC LIMIT 1`,
    [modelId],
  );
  return rows[0] && { modelId, name: rows[0].name, deleted: rows[0].deleted };
}
