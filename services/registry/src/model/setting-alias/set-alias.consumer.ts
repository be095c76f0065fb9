import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { SetModelAlias } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { consumeCommand } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { setAlias } from './set-alias';

/** SetModelAlias from ml.registry.commands, same path as HTTP; a refused compare-and-set goes to the DLQ. */
@Controller()
export class SetAliasConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(SetModelAlias.type)
  async set(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    await consumeCommand(this.registry, payload, context, SetModelAlias, (data, metadata) => setAlias(this.registry, data, metadata));
  }
}
