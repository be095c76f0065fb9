// Test harness: the registry on a private PostgreSQL bus, with an observer recording what it
// publishes (events and DLQ) and helpers to send commands. Not used by production code.
import { dlqTopic, Topics } from '@ledger/contracts';
import { ServiceOnBus, serviceOnBus } from '@ledger/testing';
import { registryService, RegistryServiceContext } from './registry.service';
import { RegistryUnderTest } from './registry.harness';

export interface RegistryOnBus extends Omit<ServiceOnBus<RegistryServiceContext>, 't'> {
  t: RegistryUnderTest;
}

export async function startRegistryOnBus(label: string, actorId: string): Promise<RegistryOnBus> {
  const observe = [Topics.registryEvents, dlqTopic(Topics.registryCommands)];
  const onBus = await serviceOnBus(registryService, { label, actorId, commandTopic: Topics.registryCommands, observe });
  return { ...onBus, t: { ...onBus.t, registry: onBus.t.service } };
}
