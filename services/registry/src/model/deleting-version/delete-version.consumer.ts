import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DeleteModelVersion } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deleteVersion } from './delete-version';

/** DeleteModelVersion from ml.registry.commands, same path as HTTP. */
@Controller()
export class DeleteVersionConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(DeleteModelVersion.type)
  async delete(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, DeleteModelVersion, (data, metadata) => deleteVersion(this.registry, data, metadata));
  }
}
