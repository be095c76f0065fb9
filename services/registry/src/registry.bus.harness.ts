// Test harness: the registry on a private PostgreSQL bus, with an observer recording what it
// publishes (events and DLQ) and helpers to send commands. Not used by production code.
import { randomUUID } from 'node:crypto';
import { CommandEnvelope, dlqTopic, Topics } from '@ledger/contracts';
import { Bus, createBus, IncomingMessage } from '@ledger/messaging';
import { freshDatabaseUrl } from '@ledger/testing';
import { RegistryUnderTest, startRegistry } from './registry.harness';

export interface RegistryOnBus {
  t: RegistryUnderTest;
  bus: Bus;
  /** Every message seen on ml.registry.events and the commands DLQ, in arrival order. */
  seen: IncomingMessage[];
  command(type: string, data: Record<string, unknown>, commandId?: string): CommandEnvelope;
  /** Publishes commands (or raw strings, for malformed input) on ml.registry.commands. */
  send(...messages: (CommandEnvelope | string)[]): Promise<void>;
  close(): Promise<void>;
}

export async function startRegistryOnBus(label: string, actorId: string): Promise<RegistryOnBus> {
  const bus = await createBus({
    kind: 'postgres',
    databaseUrl: freshDatabaseUrl(`${label}_bus`),
    clientId: `${label}-test`,
  });
  const t = await startRegistry(label, { bus });
  const topics = [Topics.registryEvents, dlqTopic(Topics.registryCommands)];
  await bus.ensureTopics(topics);
  const seen: IncomingMessage[] = [];
  const observer = await bus.subscribe({
    consumer: `${label}-observer`,
    topics,
    handle: async (message) => void seen.push(message),
  });
  return {
    t,
    bus,
    seen,
    command: (type, data, commandId = randomUUID()) => ({
      commandId,
      type,
      schemaVersion: 1,
      actor: { id: actorId, kind: 'service' },
      correlationId: `flow-${commandId}`,
      data,
    }),
    send: (...messages) =>
      bus.publish(
        messages.map((m) => ({
          topic: Topics.registryCommands,
          key: typeof m === 'string' ? 'raw' : String(m.data.name),
          value: typeof m === 'string' ? m : JSON.stringify(m),
          headers: typeof m === 'string' ? ({} as Record<string, string>) : { type: m.type },
        })),
      ),
    close: async () => {
      await observer.stop();
      await t.close();
      await bus.close();
    },
  };
}
