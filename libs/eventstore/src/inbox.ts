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
  await log.append(
    `${INBOX_PREFIX}-${envelope.source}-${envelope.streamId}`,
    [
      {
        id: envelope.id,
        type: envelope.type,
        schemaVersion: envelope.schemaVersion,
        data: envelope.data,
        metadata: {
          source: envelope.source,
          occurredAt: envelope.occurredAt,
          actor: envelope.actor,
          correlationId: envelope.correlationId,
          causationId: envelope.causationId,
          sourceStreamId: envelope.streamId,
          sourceStreamVersion: envelope.streamVersion,
        },
      },
    ],
    'any',
    tx,
  );
}

/**
 * A consumer's whole effect for another service's event: remember its id and offset and copy
 * it into the inbox, in one transaction. Returns false for a message already received.
 */
export async function receiveIntoInbox(db: DataSource, envelope: Envelope, delivery: Delivery): Promise<boolean> {
  const accepted = await db.transaction(async (tx) => {
    if (!(await acceptOnce(tx, envelope.id, delivery))) return false;
    await appendToInbox(tx, envelope);
    return true;
  });
  if (accepted) announceAppend(db);
  return accepted;
}
