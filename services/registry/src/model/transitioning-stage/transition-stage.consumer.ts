import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TransitionModelVersionStage } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { transitionStage } from './transition-stage';

/** TransitionModelVersionStage from ml.registry.commands, same path as HTTP. */
@Controller()
export class TransitionStageConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(TransitionModelVersionStage.type)
  async transition(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, TransitionModelVersionStage, (data, metadata) => transitionStage(this.registry, data, metadata));
  }
}
