import { Controller, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { MessageCatalog } from '@ledger/contracts';
import { receiveAllIntoInbox, receiveIntoInbox } from '@ledger/eventstore';
import { busBatchOf, BusBatchItem, BusContext } from '../nest-transport';
import { parseCatalogEnvelope } from './parse-envelope';

export interface InboxConsumerOptions {
  /** The other service's events, as this one reads them (unknown types and versions go to the DLQ). */
  catalog: MessageCatalog;
  topic: string;
  /** The types this service builds anything from; the others pass by. */
  types: readonly string[];
  db: DataSource;
}

/**
 * Takes another service's events into this service's own log (its inbox), exactly once: the
 * message id and the consumer offset are stored in the same transaction as the append, so a
 * redelivery after a crash is recognised and skipped. Projections then run from that log.
 */
export function inboxConsumer(options: InboxConsumerOptions): Type<unknown> {
  const received = [...new Set(options.types)];

  @Controller()
  class InboxConsumer {
    // Nest keeps only the last of stacked @EventPattern decorators: list every type in one.
    @EventPattern(received)
    async receive(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
      const envelope = parseCatalogEnvelope(options.catalog, payload);
      await receiveIntoInbox(options.db, envelope, context.delivery);
    }

    /**
     * The usual path under load: a run of messages in one transaction, one commit. Any message
     * that cannot be parsed fails the run, and the bus then hands each to receive() alone, so
     * only that one goes to the DLQ.
     */
    @EventPattern(busBatchOf(options.topic))
    async receiveBatch(@Payload() items: BusBatchItem[]): Promise<void> {
      await receiveAllIntoInbox(
        options.db,
        items
          .filter((item) => received.includes(item.type))
          .map((item) => ({
            envelope: parseCatalogEnvelope(options.catalog, item.payload),
            delivery: item.context.delivery,
          })),
      );
    }
  }
  Object.defineProperty(InboxConsumer, 'name', { value: `InboxOf_${options.topic.replace(/\W+/g, '_')}` });
  return InboxConsumer;
}
