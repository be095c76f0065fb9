import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import {
  Envelope,
  EnvelopeSchema,
  registryEvents,
  Topics,
  UnknownMessageError,
  InvalidMessageError,
} from '@ledger/contracts';
import { receiveAllIntoInbox, receiveIntoInbox } from '@ledger/eventstore';
import { busBatchOf, BusBatchItem, BusContext, PermanentMessageError } from '@ledger/messaging';

const RECEIVED = ['VersionCreated', 'RegisteredModelCreated'];

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
    const envelope = parseEnvelope(payload);
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
      received.map((item) => ({ envelope: parseEnvelope(item.payload), delivery: item.context.delivery })),
    );
  }
}

/** Malformed envelopes and unknown schema versions cannot succeed on retry: DLQ at once. */
export function parseEnvelope(payload: unknown): Envelope {
  const parsed = EnvelopeSchema.safeParse(payload);
  if (!parsed.success)
    throw new PermanentMessageError(`invalid envelope: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  try {
    return registryEvents.parseEnvelope(parsed.data as Envelope);
  } catch (error) {
    if (error instanceof UnknownMessageError || error instanceof InvalidMessageError)
      throw new PermanentMessageError(error.message);
    throw error;
  }
}
