import { EntityManager } from 'typeorm';
import { Command, DomainEvent, MessageCatalog } from '@ledger/contracts';
import { EventLog, NewEvent, StoredEvent } from './event-log';
import { eventMetadata } from './envelope';

interface AppendOptions {
  source: string;
  catalog: MessageCatalog;
  newEventId: () => string;
}

/**
 * Appends the events of several commands to one stream in one statement, expecting `version`;
 * returns each command's stored events. Each event carries its own command's metadata.
 */
export async function appendPlanned<C extends Command, E extends DomainEvent>(
  tx: EntityManager,
  log: EventLog,
  options: AppendOptions,
  streamId: string,
  version: number,
  decided: { command: C; events: E[] }[],
): Promise<StoredEvent[][]> {
  const perCommand = decided.map(({ command, events }) => {
    const metadata = eventMetadata(options.source, command.metadata);
    return events.map((event): NewEvent => ({
      id: options.newEventId(),
      type: event.type,
      schemaVersion: schemaVersionOf(options.catalog, event.type),
      data: event.data,
      metadata,
    }));
  });
  const all = perCommand.flat();
  if (all.length === 0) return perCommand.map(() => []);
  const result = await log.append(streamId, all, version === 0 ? 'no_stream' : version, tx);
  let position = 0;
  return perCommand.map((events, c) =>
    events.map((event): StoredEvent => {
      const index = position++;
      return {
        globalPosition: result.globalPositions[index],
        transactionId: '',
        streamId,
        streamPosition: version + index + 1,
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

/** Records commandIds as handled; returns how many were new (fewer means a concurrent duplicate). */
export async function rememberCommands(tx: EntityManager, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO processed_messages (consumer, message_id) SELECT 'commands', unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING 1`,
    [ids],
  );
  return rows.length;
}
