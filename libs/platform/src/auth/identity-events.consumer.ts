import { Controller, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Envelope, identityEvents } from '@ledger/contracts';
import {
  acceptOnce,
  announceAppend,
  appendToInbox,
  Delivery,
  lockForWriting,
  project,
  Projection,
  StoredEvent,
} from '@ledger/eventstore';
import { BusContext, parseCatalogEnvelope } from '@ledger/messaging';

/**
 * Takes the identity service's events into this service's log (its inbox) and applies them to
 * the identity read model in the same transaction as the message id and offset: exactly once,
 * and a revocation authenticates nothing from the moment its message is consumed. Inline rather
 * than behind a projection runner, so a busy service does not tail its whole log for it.
 */
export function identityEventsConsumer(
  db: DataSource,
  readModel: Projection,
  onApplied: () => void = () => undefined,
): Type<unknown> {
  @Controller()
  class IdentityEventsConsumer {
    @EventPattern(identityEvents.definitions().map((d) => d.type))
    async receive(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
      await receiveIdentityEvent(db, readModel, parseCatalogEnvelope(identityEvents, payload), context.delivery);
      onApplied(); // after the commit: a lookup from now on reads the changed row
    }
  }
  return IdentityEventsConsumer;
}

export async function receiveIdentityEvent(
  db: DataSource,
  readModel: Projection,
  envelope: Envelope,
  delivery: Delivery,
): Promise<void> {
  const received = await db.transaction(async (tx) => {
    // Shared with other inline writers: a rebuild of the read model (at start) waits for this, and this for it.
    await lockForWriting(tx, [], true);
    if (!(await acceptOnce(tx, envelope.id, delivery))) return false;
    await appendToInbox(tx, envelope);
    const stored: StoredEvent[] = await tx.query(
      `SELECT event_id::text AS id, event_type AS type, schema_version AS "schemaVersion", data, metadata, stream_id AS "streamId",
              stream_position::int AS "streamPosition", global_position::text AS "globalPosition", transaction_id::text AS "transactionId", created_at AS "createdAt"
       FROM events WHERE event_id = $1`,
      [envelope.id],
    );
    await project(readModel, tx, stored);
    return true;
  });
  if (received) announceAppend(db);
}
