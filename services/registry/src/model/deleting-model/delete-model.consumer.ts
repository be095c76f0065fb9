import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DeleteRegisteredModel } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deleteModel } from './delete-model';

/** DeleteRegisteredModel from ml.registry.commands, same path as HTTP. */
@Controller()
export class DeleteModelConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(DeleteRegisteredModel.type)
  async delete(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, DeleteRegisteredModel, (data, metadata) => deleteModel(this.registry, data, metadata));
  }
}
