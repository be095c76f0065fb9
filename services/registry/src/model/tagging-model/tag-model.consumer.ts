import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DeleteRegisteredModelTag, SetRegisteredModelTag } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deleteModelTag, setModelTag } from './tag-model';

/** Model tag commands from ml.registry.commands, same path as HTTP. */
@Controller()
export class TagModelConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(SetRegisteredModelTag.type)
  async set(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, SetRegisteredModelTag, (data, metadata) => setModelTag(this.registry, data, metadata));
  }

  @EventPattern(DeleteRegisteredModelTag.type)
  async delete(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, DeleteRegisteredModelTag, (data, metadata) => deleteModelTag(this.registry, data, metadata));
  }
}
