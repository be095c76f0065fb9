import { Controller, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { deployerEvents, Envelope, MessageCatalog, registryEvents, Topics, validatorEvents } from '@ledger/contracts';
import { Clock, receiveAllIntoInbox, ReceivedMessage, storeOffset } from '@ledger/eventstore';
import { busBatchOf, BusBatchItem, BusContext, parseCatalogEnvelope } from '@ledger/messaging';
import { REGISTRY_EVENTS_RECEIVED } from '@ledger/registry-knowledge';
import { deadLetterRecord, RUN_COMMAND_DLQS, RUN_COMMAND_TYPES } from './dead-letters';

/** What the router acts on from each service's events; everything else passes by. */
export const VALIDATOR_EVENTS_RECEIVED = [
  'ValidationStarted',
  'ValidationCheckCompleted',
  'ValidationPassed',
  'ValidationFailed',
];
export const DEPLOYER_EVENTS_RECEIVED = [
  'DeploymentRequested',
  'DeploymentSucceeded',
  'DeploymentRolledBack',
  'DeploymentAborted',
];

const EVENT_TOPICS: Record<string, { catalog: MessageCatalog; types: readonly string[] }> = {
  [Topics.registryEvents]: { catalog: registryEvents, types: REGISTRY_EVENTS_RECEIVED },
  [Topics.validatorEvents]: { catalog: validatorEvents, types: VALIDATOR_EVENTS_RECEIVED },
  [Topics.deployerEvents]: { catalog: deployerEvents, types: DEPLOYER_EVENTS_RECEIVED },
};
/** Every topic the one inbound consumer reads: the three services' events and our commands' DLQs. */
export const INBOUND_TOPICS = [...Object.keys(EVENT_TOPICS), ...RUN_COMMAND_DLQS];
const PATTERNS = [...new Set([...Object.values(EVENT_TOPICS).flatMap((t) => t.types), ...RUN_COMMAND_TYPES])];

/**
 * One consumer for everything the orchestrator learns from others: events go into its inbox, a
 * run's dead-lettered command becomes a CommandDeadLettered record there, anything else only
 * moves the offset. The router then acts from the log, never from the bus.
 */
export function inboundEventsConsumer(db: DataSource, clock: Clock): Type<unknown> {
  /** The inbox record of one message; undefined when the orchestrator keeps nothing of it. */
  const recordOf = (item: BusBatchItem): Envelope | undefined => {
    const { message } = item.context;
    const events = EVENT_TOPICS[message.topic];
    if (events)
      return events.types.includes(item.type) ? parseCatalogEnvelope(events.catalog, item.payload) : undefined;
    if (RUN_COMMAND_DLQS.includes(message.topic))
      return deadLetterRecord(message, item.payload, clock.now().toISOString());
    return undefined; // another consumer's topic: not ours to keep
  };

  const receiveAll = async (items: BusBatchItem[]) => {
    const records = items.map(recordOf);
    const received: ReceivedMessage[] = items.flatMap((item, i) => {
      const envelope = records[i];
      return envelope ? [{ envelope, delivery: item.context.delivery }] : [];
    });
    if (received.length > 0) await receiveAllIntoInbox(db, received);
    // A skipped last message still moves its partition on (a redelivery would be skipped again anyway).
    const last = items.at(-1);
    if (last && !records.at(-1) && INBOUND_TOPICS.includes(last.context.message.topic))
      await storeOffset(db, last.context.delivery);
  };

  @Controller()
  class InboundEventsConsumer {
    @EventPattern(PATTERNS)
    async receive(@Payload() payload: BusBatchItem['payload'], @Ctx() bus: BusContext): Promise<void> {
      await receiveAll([{ payload, type: String(payload?.type ?? bus.message.headers.type), context: bus }]);
    }

    /** A run of one partition's messages (events or dead letters) in one commit. */
    @EventPattern(INBOUND_TOPICS.map(busBatchOf))
    async receiveBatch(@Payload() items: BusBatchItem[]): Promise<void> {
      await receiveAll(items);
    }
  }
  return InboundEventsConsumer;
}
