import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { registryEvents, Topics } from '@ledger/contracts';
import { receiveAllIntoInbox, receiveIntoInbox } from '@ledger/eventstore';
import { busBatchOf, BusBatchItem, BusContext, parseCatalogEnvelope } from '@ledger/messaging';
import { registryKnowledge } from '../knowing-versions/registry-knowledge.projection';

// Everything the validator's knowledge of the registry is built from; other registry events pass by.
const RECEIVED = [...new Set(['VersionCreated', 'RegisteredModelCreated', ...registryKnowledge.handles])];

/**
 * Takes the registry's events into the validator's own log (its inbox), exactly once: the
 * message id and the consumer offset are stored in the same transaction as the append, so a
 * redelivery after a crash is recognised and skipped. Projections then run from that log.
 */
@Controller()
export class RegistryEventsConsumer {
  constructor(private readonly db: DataSource) {}

  // Nest keeps only the last of stacked @EventPattern decorators: list every type in one.
  @EventPattern(RECEIVED)
  async receive(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    const envelope = parseCatalogEnvelope(registryEvents, payload);
    await receiveIntoInbox(this.db, envelope, context.delivery);
  }

  /**
   * The usual path under load: a run of messages in one transaction, one commit. Any message
   * that cannot be parsed fails the run, and the bus then hands each to receive() alone, so
   * only that one goes to the DLQ.
   */
  @EventPattern(busBatchOf(Topics.registryEvents))
  async receiveBatch(@Payload() items: BusBatchItem[]): Promise<void> {
    const received = items.filter((item) => RECEIVED.includes(item.type));
    await receiveAllIntoInbox(
      this.db,
      received.map((item) => ({
        envelope: parseCatalogEnvelope(registryEvents, item.payload),
        delivery: item.context.delivery,
      })),
    );
  }
}
