import { Controller, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { servingEvents } from '@ledger/contracts';
import { inputFromEvent } from '@ledger/eventstore';
import { BusContext, parseCatalogEnvelope, settleCommand } from '@ledger/messaging';
import type { RolloutInput } from '../rollout-messages';
import type { RolloutRunner } from '../running/rollout-runner';

/** The outcomes of loads a rollout waits for; serving's other events pass by. */
export const SERVING_OUTCOMES = ['ServingVersionReady', 'ServingVersionLoadFailed'];

/**
 * Serving's load outcomes as rollout inputs. The input's commandId is the event's id, so a
 * redelivery is recognised by the runner and decided once; the offset is stored after the decision.
 */
export function servingEventsConsumer(db: DataSource, runner: RolloutRunner): Type<unknown> {
  @Controller()
  class ServingEventsConsumer {
    @EventPattern(SERVING_OUTCOMES)
    async receive(@Payload() payload: unknown, @Ctx() bus: BusContext): Promise<void> {
      const envelope = parseCatalogEnvelope(servingEvents, payload);
      await settleCommand(db, bus.delivery, () => runner.handle(inputFromEvent<RolloutInput>(envelope)));
    }
  }
  return ServingEventsConsumer;
}
