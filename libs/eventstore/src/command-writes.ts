import { EntityManager } from 'typeorm';
import { Command, DomainEvent, MessageCatalog } from '@ledger/contracts';
import { EventLog, NewEvent, Queryable, StoredEvent } from './event-log';
import { eventMetadata } from './envelope';

interface AppendOptions {
  source: string;
  catalog: MessageCatalog;
  newEventId: () => string;
}

type Decided<C, E> = { command: C; events: E[] };

/** The log's events for each command's decided events; each carries its own command's metadata. */
export function newEventsOf<C extends Command, E extends DomainEvent>(
  options: AppendOptions,
  decided: Decided<C, E>[],
): NewEvent[][] {
  return decided.map(({ command, events }) => {
    const metadata = eventMetadata(options.source, command.metadata);
    return events.map((event): NewEvent => ({
      id: options.newEventId(),
      type: event.type,
      schemaVersion: schemaVersionOf(options.catalog, event.type),
      // Checked before it is written: readers of the log then take current-version payloads as they are.
      data: options.catalog.validate(event.type, event.data),
      metadata,
    }));
  });
}

/** What was appended after `version`, per command, as the log now holds it. */
export function storedEventsOf<C extends Command>(
  streamId: string,
  version: number,
  decided: { command: C }[],
  perCommand: NewEvent[][],
  globalPositions: string[],
): StoredEvent[][] {
  let index = 0;
  return perCommand.map((events, c) =>
    events.map((event): StoredEvent => {
      const at = index++;
      return {
        globalPosition: globalPositions[at],
        transactionId: '',
        streamId,
        streamPosition: version + at + 1,
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data as Record<string, unknown>,
        metadata: event.metadata as Record<string, unknown>,
        createdAt: new Date(decided[c].command.metadata.now),
      };
    }),
  );
}

/** Appends the events of several commands to one stream in one statement, expecting `version`. */
export async function appendPlanned<C extends Command, E extends DomainEvent>(
  tx: EntityManager,
  log: EventLog,
  options: AppendOptions,
  streamId: string,
  version: number,
  decided: Decided<C, E>[],
): Promise<StoredEvent[][]> {
  const perCommand = newEventsOf(options, decided);
  const all = perCommand.flat();
  if (all.length === 0) return perCommand.map(() => []);
  const result = await log.append(streamId, all, version === 0 ? 'no_stream' : version, tx);
  return storedEventsOf(streamId, version, decided, perCommand, result.globalPositions);
}

function schemaVersionOf(catalog: MessageCatalog, type: string): number {
  const definition = catalog.definitions().find((d) => d.type === type);
  if (!definition) throw new Error(`event ${type} is not in the catalog`);
  return definition.schemaVersion;
}

/** The commandIds among `ids` that were already handled. */
export async function seenCommands(tx: EntityManager, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows: { id: string }[] = await tx.query(
    `SELECT message_id AS id FROM processed_messages WHERE consumer = 'commands' AND message_id = ANY($1::text[])`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** What one command appended to which stream; stored under its commandId with the append. */
export interface CommandResult {
  commandId: string;
  streamId: string;
  eventIds: string[];
}

// One statement: the commandId is claimed in processed_messages (the key every writer checks) and
// its events are listed beside it, so a claim without its result cannot exist.
const REMEMBER = `
WITH claimed AS (
  INSERT INTO processed_messages (consumer, message_id) SELECT 'commands', unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING message_id
), input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) AS i(command_id, stream_id, event_ids)
)
INSERT INTO command_results (command_id, stream_id, event_ids)
SELECT i.command_id, i.stream_id, ARRAY(SELECT jsonb_array_elements_text(i.event_ids)::uuid)
FROM input i JOIN claimed c ON c.message_id = i.command_id
ON CONFLICT DO NOTHING RETURNING 1`;

/** Records commands as handled with what they appended; returns how many were new (fewer means a concurrent duplicate). */
export async function rememberCommands(tx: EntityManager, results: CommandResult[]): Promise<number> {
  if (results.length === 0) return 0;
  const rows = await tx.query(REMEMBER, [
    results.map((r) => r.commandId),
    results.map((r) => r.streamId),
    results.map((r) => JSON.stringify(r.eventIds)),
  ]);
  return rows.length;
}

const FIRST_RUNS = `
SELECT r.command_id AS "commandId", e.global_position::text AS "globalPosition", e.transaction_id::text AS "transactionId",
  e.stream_id AS "streamId", e.stream_position::int AS "streamPosition", e.event_id::text AS id, e.event_type AS type,
  e.schema_version AS "schemaVersion", e.data, e.metadata, e.created_at AS "createdAt"
FROM command_results r JOIN events e ON e.event_id = ANY(r.event_ids)
WHERE r.command_id = ANY($1::text[])
ORDER BY e.global_position`;

/**
 * The events each of these commandIds appended when it first ran (none for a command handled
 * before command_results existed: its claim has no recorded result).
 */
export async function firstRunsOf(on: Queryable, commandIds: string[]): Promise<Map<string, StoredEvent[]>> {
  const runs = new Map<string, StoredEvent[]>(commandIds.map((id) => [id, []]));
  if (commandIds.length === 0) return runs;
  const rows: (StoredEvent & { commandId: string })[] = await on.query(FIRST_RUNS, [commandIds]);
  for (const { commandId, ...event } of rows) runs.get(commandId)?.push(event);
  return runs;
}

// Commands handled before command_results existed are found by the commandId in their events'
// metadata: a scan of the log, only on this rare path (a resend of a command that old).
const FIRST_RUN_BY_METADATA = `
SELECT e.global_position::text AS "globalPosition", e.transaction_id::text AS "transactionId", e.stream_id AS "streamId",
  e.stream_position::int AS "streamPosition", e.event_id::text AS id, e.event_type AS type, e.schema_version AS "schemaVersion",
  e.data, e.metadata, e.created_at AS "createdAt"
FROM events e WHERE e.metadata->>'commandId' = $1 AND NOT EXISTS (SELECT 1 FROM command_results r WHERE r.command_id = $1)
ORDER BY e.global_position`;

/** What one command appended when it first ran ([] when it never ran, or appended nothing). */
export async function firstRunOf(on: Queryable, commandId: string): Promise<StoredEvent[]> {
  const recorded = (await firstRunsOf(on, [commandId])).get(commandId) ?? [];
  return recorded.length > 0 ? recorded : on.query(FIRST_RUN_BY_METADATA, [commandId]);
}
