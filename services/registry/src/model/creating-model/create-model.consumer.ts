import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CreateRegisteredModel } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { busCommandMetadata, parseCommand, settle } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { createModel } from './create-model';

/** CreateRegisteredModel from ml.registry.commands, same path as HTTP. */
@Controller()
export class CreateModelConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(CreateRegisteredModel.type)
  async create(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    const { envelope, data } = parseCommand(payload, CreateRegisteredModel);
    await settle(this.registry.db, context.delivery, () => createModel(this.registry, data, busCommandMetadata(envelope)));
  }
}
