import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { UpdateRegisteredModel } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { updateModel } from './update-model';

/** UpdateRegisteredModel from ml.registry.commands, same path as HTTP. */
@Controller()
export class UpdateModelConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(UpdateRegisteredModel.type)
  async update(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, UpdateRegisteredModel, (data, metadata) => updateModel(this.registry, data, metadata));
  }
}
