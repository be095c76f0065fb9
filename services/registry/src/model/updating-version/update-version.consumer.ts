import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { UpdateModelVersion } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { updateVersion } from './update-version';

/** UpdateModelVersion from ml.registry.commands, same path as HTTP. */
@Controller()
export class UpdateVersionConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(UpdateModelVersion.type)
  async update(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, UpdateModelVersion, (data, metadata) => updateVersion(this.registry, data, metadata));
  }
}
