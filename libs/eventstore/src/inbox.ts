import { DataSource, EntityManager } from 'typeorm';
import { Envelope, UnavailableError } from '@ledger/contracts';
import { isDatabaseUnavailable } from './database';
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
  const event = {
    id: envelope.id,
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    data: envelope.data,
    metadata: inboxMetadata(envelope),
  };
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

// The whole batch in one statement: one round trip, atomic without an explicit transaction,
// and exactly the effect of receiving each message alone, in order. Data-modifying CTEs share
// one snapshot and ON CONFLICT DO UPDATE may touch a row only once per statement, so the batch
// is deduplicated per message id and per partition, and streams are upserted once each.
const RECEIVE_ALL = `
WITH batch AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::int[], $9::jsonb[], $10::jsonb[])
    WITH ORDINALITY AS b(consumer, message_id, topic, partition, "offset", stream_id, type, sv, data, meta, ord)
), firsts AS (
  -- An id repeated inside the batch counts once: its first occurrence, as one by one.
  SELECT DISTINCT ON (consumer, message_id) * FROM batch ORDER BY consumer, message_id, ord
), accepted AS (
  INSERT INTO processed_messages (consumer, message_id) SELECT consumer, message_id FROM firsts
  ON CONFLICT DO NOTHING RETURNING consumer, message_id
), fresh AS (
  SELECT f.*, row_number() OVER (PARTITION BY f.stream_id ORDER BY f.ord) AS n, count(*) OVER (PARTITION BY f.stream_id) AS total
  FROM firsts f JOIN accepted a USING (consumer, message_id)
), moved AS (
  -- Each partition ends at its last message in batch order, duplicate or not.
  INSERT INTO consumer_offsets (consumer, topic, partition, "offset")
  SELECT DISTINCT ON (consumer, topic, partition) consumer, topic, partition, "offset" FROM batch
  ORDER BY consumer, topic, partition, ord DESC
  ON CONFLICT (consumer, topic, partition) DO UPDATE SET "offset" = EXCLUDED."offset", updated_at = now()
), stream AS (
  -- Ordered by id so concurrent batches lock shared streams in the same order (no deadlock).
  INSERT INTO streams (stream_id, stream_type, version)
  SELECT stream_id, '${INBOX_PREFIX}', count(*) FROM fresh GROUP BY stream_id ORDER BY stream_id
  ON CONFLICT (stream_id) DO UPDATE SET version = streams.version + EXCLUDED.version, updated_at = now()
  RETURNING stream_id, version
)
INSERT INTO events (stream_id, stream_position, event_id, event_type, schema_version, data, metadata)
SELECT f.stream_id, s.version - f.total + f.n, f.message_id::uuid, f.type, f.sv, f.data, f.meta
FROM fresh f JOIN stream s USING (stream_id)
ORDER BY f.ord
RETURNING global_position`;

export interface ReceivedMessage {
  envelope: Envelope;
  delivery: Delivery;
}

/**
 * A consumer's whole effect for another service's event: remember its id and offset and copy
 * it into the inbox, atomically. Returns false for a message already received.
 */
export async function receiveIntoInbox(db: DataSource, envelope: Envelope, delivery: Delivery): Promise<boolean> {
  return (await receiveAllIntoInbox(db, [{ envelope, delivery }])) > 0;
}

/**
 * The same for a run of messages, in one statement (one commit for all): every effect is
 * stored, or none. Returns how many were new.
 */
export async function receiveAllIntoInbox(db: DataSource, received: ReceivedMessage[]): Promise<number> {
  if (received.length === 0) return 0;
  const rows: unknown[] = await db.query(RECEIVE_ALL, receiveParameters(received)).catch(unavailableAsSuch);
  if (rows.length > 0) announceAppend(db);
  return rows.length;
}

/**
 * A database that is gone says nothing about the message: the bus waits and retries it without
 * spending the retry budget that would send it to the DLQ (UnavailableError), until the
 * database is back.
 */
function unavailableAsSuch(error: unknown): never {
  if (isDatabaseUnavailable(error))
    throw new UnavailableError(`the database is unavailable: ${(error as Error).message}`);
  throw error;
}

function receiveParameters(received: ReceivedMessage[]): unknown[] {
  const column = <T>(pick: (r: ReceivedMessage) => T) => received.map(pick);
  return [
    column((r) => r.delivery.consumer),
    column((r) => r.envelope.id),
    column((r) => r.delivery.topic),
    column((r) => r.delivery.partition),
    column((r) => String(r.delivery.offset)),
    column((r) => inboxStreamId(r.envelope)),
    column((r) => r.envelope.type),
    column((r) => r.envelope.schemaVersion),
    column((r) => JSON.stringify(r.envelope.data)),
    column((r) => JSON.stringify(inboxMetadata(r.envelope))),
  ];
}
