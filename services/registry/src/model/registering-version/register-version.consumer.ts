import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { RegisterModelVersion } from '@ledger/contracts';
import { BusContext } from '@ledger/messaging';
import { busCommandMetadata, parseCommand, settle } from '../../bus-commands';
import { REGISTRY, RegistryContext } from '../../registry.context';
import { registerVersion } from './register-version';

/** RegisterModelVersion from ml.registry.commands (e.g. a training job), same path as HTTP. */
@Controller()
export class RegisterVersionConsumer {
  constructor(@Inject(REGISTRY) private readonly registry: RegistryContext) {}

  @EventPattern(RegisterModelVersion.type)
  async register(@Payload() payload: unknown, @Ctx() context: BusContext): Promise<void> {
    const { envelope, data } = parseCommand(payload, RegisterModelVersion);
    await settle(this.registry.db, context.delivery, () => registerVersion(this.registry, data, busCommandMetadata(envelope)));
  }
}
