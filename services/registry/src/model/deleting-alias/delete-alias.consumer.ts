import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DeleteModelAlias } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { deleteAlias } from './delete-alias';

/** DeleteModelAlias from ml.registry.commands, same path as HTTP. */
@Controller()
export class DeleteAliasConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(DeleteModelAlias.type)
  async delete(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, DeleteModelAlias, (data, metadata) => deleteAlias(this.registry, data, metadata));
  }
}
