import { Controller, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Envelope, servingEvents, Topics } from '@ledger/contracts';
import { inputFromEvent, receiveAllIntoInbox, receiveIntoInbox } from '@ledger/eventstore';
import { asBusWork, busBatchOf, BusBatchItem, BusContext, parseCatalogEnvelope } from '@ledger/messaging';
import type { RolloutInput } from '../rollout-messages';
import type { RolloutRunner } from '../running/rollout-runner';

/** The outcomes of loads a rollout waits for. */
export const SERVING_OUTCOMES = ['ServingVersionReady', 'ServingVersionLoadFailed'];
const RECEIVED = servingEvents.definitions().map((d) => d.type);

/**
 * Serving's events, once, in one consumer: a load outcome is first handed to its rollout (the
 * input's commandId is the event id, so a redelivery is decided once), then every event goes into
 * the deployer's inbox with the consumer's offset (the actual-serving read model projects it).
 * One consumer for both, so an outcome is decided before its event is in the inbox, in the topic's order.
 */
export function servingEventsConsumer(db: DataSource, runner: RolloutRunner): Type<unknown> {
  const decide = async (envelope: Envelope) => {
    if (SERVING_OUTCOMES.includes(envelope.type))
      await asBusWork(() => runner.handle(inputFromEvent<RolloutInput>(envelope)));
  };

  @Controller()
  class ServingEventsConsumer {
    @EventPattern(RECEIVED)
    async receive(@Payload() payload: unknown, @Ctx() bus: BusContext): Promise<void> {
      const envelope = parseCatalogEnvelope(servingEvents, payload);
      await decide(envelope);
      await receiveIntoInbox(db, envelope, bus.delivery);
    }

    /** A run of messages: outcomes decided in order, then one commit into the inbox for all. */
    @EventPattern(busBatchOf(Topics.servingEvents))
    async receiveBatch(@Payload() items: BusBatchItem[]): Promise<void> {
      const received = items
        .filter((item) => RECEIVED.includes(item.type))
        .map((item) => ({
          envelope: parseCatalogEnvelope(servingEvents, item.payload),
          delivery: item.context.delivery,
        }));
      for (const { envelope } of received) await decide(envelope);
      await receiveAllIntoInbox(db, received);
    }
  }
  return ServingEventsConsumer;
}
