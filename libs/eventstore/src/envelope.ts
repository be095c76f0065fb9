import { Envelope, CommandMetadata } from '@ledger/contracts';
import { StoredEvent } from './event-log';

/** What the log stores beside each event's data; together they form the wire envelope. */
export interface EventMetadata {
  source: string;
  occurredAt: string;
  actor: CommandMetadata['actor'];
  correlationId: string;
  causationId: string | null;
  commandId?: string;
}

export function eventMetadata(source: string, command: CommandMetadata): EventMetadata {
  return {
    source,
    occurredAt: command.now,
    actor: command.actor,
    correlationId: command.correlationId,
    causationId: command.causationId,
    ...(command.commandId ? { commandId: command.commandId } : {}),
  };
}

export function toEnvelope(event: StoredEvent): Envelope {
  const metadata = event.metadata as unknown as EventMetadata;
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    source: metadata.source,
    streamId: event.streamId,
    streamVersion: event.streamPosition,
    occurredAt: metadata.occurredAt,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    data: event.data,
  };
}

export { envelopeHeaders as envelopeHeadersOf } from '@ledger/contracts';
