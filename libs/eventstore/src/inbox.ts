import { DataSource, EntityManager } from 'typeorm';
import { Envelope } from '@ledger/contracts';
import { EventLog, Queryable } from './event-log';
import { announceAppend } from './wake-up';

/** Where a message came from on the bus; the offset is opaque (Kafka offset or log position). */
export interface Delivery {
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
}

export const INBOX_PREFIX = 'inbox';
/** Relays skip inbox streams: a service republishes only what it decided itself. */
export const NOT_INBOX = `stream_id NOT LIKE '${INBOX_PREFIX}-%'`;

/**
 * Records a message as processed and moves the consumer's offset, in the caller's transaction.
 * Returns false for a message already processed: the caller then applies no effect.
 */
export async function acceptOnce(tx: EntityManager, messageId: string, delivery: Delivery): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
    [delivery.consumer, messageId],
  );
  await storeOffset(tx, delivery);
  return rows.length > 0;
}

export async function storeOffset(on: Queryable, delivery: Delivery): Promise<void> {
  await on.query(
    `INSERT INTO consumer_offsets (consumer, topic, partition, "offset") VALUES ($1, $2, $3, $4)
     ON CONFLICT (consumer, topic, partition) DO UPDATE SET "offset" = EXCLUDED."offset", updated_at = now()`,
    [delivery.consumer, delivery.topic, delivery.partition, delivery.offset],
  );
}

export async function loadOffsets(on: Queryable, consumer: string, topic: string): Promise<Map<number, string>> {
  const rows: { partition: number; offset: string }[] = await on.query(
    `SELECT partition, "offset" FROM consumer_offsets WHERE consumer = $1 AND topic = $2`,
    [consumer, topic],
  );
  return new Map(rows.map((r) => [r.partition, r.offset]));
}

/**
 * Copies another service's event into this service's own log, so its projections run from
 * its own log and can be rebuilt without the bus (Kafka retention is not a history).
 */
export async function appendToInbox(tx: EntityManager, envelope: Envelope): Promise<void> {
  const log = new EventLog(tx.connection);
  const event = { id: envelope.id, type: envelope.type, schemaVersion: envelope.schemaVersion, data: envelope.data, metadata: inboxMetadata(envelope) };
  await log.append(inboxStreamId(envelope), [event], 'any', tx);
}

const inboxStreamId = (envelope: Envelope) => `${INBOX_PREFIX}-${envelope.source}-${envelope.streamId}`;

function inboxMetadata(envelope: Envelope) {
  return {
    source: envelope.source,
    occurredAt: envelope.occurredAt,
    actor: envelope.actor,
    correlationId: envelope.correlationId,
    causationId: envelope.causationId,
    sourceStreamId: envelope.streamId,
    sourceStreamVersion: envelope.streamVersion,
  };
}

// One statement, so one round trip and atomic without an explicit transaction: remember the id,
// move the offset, and only for a new id append the event to its inbox stream.
const RECEIVE = `
WITH accepted AS (
  INSERT INTO processed_messages (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1
), moved AS (
  INSERT INTO consumer_offsets (consumer, topic, partition, "offset") VALUES ($1, $3, $4, $5)
  ON CONFLICT (consumer, topic, partition) DO UPDATE SET "offset" = EXCLUDED."offset", updated_at = now()
), stream AS (
  INSERT INTO streams (stream_id, stream_type, version) SELECT $6, '${INBOX_PREFIX}', 1 FROM accepted
  ON CONFLICT (stream_id) DO UPDATE SET version = streams.version + 1, updated_at = now()
  RETURNING version
)
INSERT INTO events (stream_id, stream_position, event_id, event_type, schema_version, data, metadata)
SELECT $6, stream.version, $2::uuid, $7, $8, $9::jsonb, $10::jsonb FROM stream
RETURNING global_position`;

/**
 * A consumer's whole effect for another service's event: remember its id and offset and copy
 * it into the inbox, atomically. Returns false for a message already received.
 */
export async function receiveIntoInbox(db: DataSource, envelope: Envelope, delivery: Delivery): Promise<boolean> {
  const rows = await db.query(RECEIVE, receiveParameters(envelope, delivery));
  if (rows.length > 0) announceAppend(db);
  return rows.length > 0;
}

/**
 * The same for consecutive messages of one partition, in one transaction (one commit for all):
 * every effect is stored, or none. Returns how many were new.
 */
export async function receiveAllIntoInbox(db: DataSource, received: { envelope: Envelope; delivery: Delivery }[]): Promise<number> {
  if (received.length === 0) return 0;
  const accepted = await db.transaction(async (tx) => {
    let count = 0;
    for (const { envelope, delivery } of received) count += (await tx.query(RECEIVE, receiveParameters(envelope, delivery))).length;
    return count;
  });
  if (accepted > 0) announceAppend(db);
  return accepted;
}

function receiveParameters(envelope: Envelope, delivery: Delivery): unknown[] {
  return [
    delivery.consumer,
    envelope.id,
    delivery.topic,
    delivery.partition,
    delivery.offset,
    inboxStreamId(envelope),
    envelope.type,
    envelope.schemaVersion,
    JSON.stringify(envelope.data),
    JSON.stringify(inboxMetadata(envelope)),
  ];
}
