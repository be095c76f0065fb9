import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DeleteModelVersionTag, SetModelVersionTag } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deleteVersionTag, setVersionTag } from './tag-version';

/** Version tag commands from ml.registry.commands, same path as HTTP. */
@Controller()
export class TagVersionConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(SetModelVersionTag.type)
  async set(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, SetModelVersionTag, (data, metadata) => setVersionTag(this.registry, data, metadata));
  }

  @EventPattern(DeleteModelVersionTag.type)
  async delete(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, DeleteModelVersionTag, (data, metadata) => deleteVersionTag(this.registry, data, metadata));
  }
}
