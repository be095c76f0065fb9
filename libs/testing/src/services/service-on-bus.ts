import { randomUUID } from 'node:crypto';
import { CommandEnvelope } from '@ledger/contracts';
import { Bus, createBus, IncomingMessage } from '@ledger/messaging';
import { ServiceDefinition } from '@ledger/platform';
import { freshDatabaseUrl } from '../databases';
import { serviceUnderTest, ServiceUnderTest } from './service-under-test';

export interface ServiceOnBus<Context> {
  t: ServiceUnderTest<Context>;
  bus: Bus;
  /** Every message seen on the observed topics, in arrival order. */
  seen: IncomingMessage[];
  /** A command envelope from the harness's actor (a fresh commandId unless given). */
  command(type: string, data: Record<string, unknown>, commandId?: string): CommandEnvelope;
  /** Publishes commands (or raw strings, for malformed input) on the service's command topic. */
  send(...messages: (CommandEnvelope | string)[]): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceOnBusOptions<Config> {
  label: string;
  /** Who sends the commands (a service actor). */
  actorId: string;
  commandTopic: string;
  /** What the observer records (the service's events, the commands' DLQ, …). */
  observe: string[];
  config?: Config;
}

/**
 * A service on a private PostgreSQL bus, with an observer recording what it publishes and
 * helpers to send commands (keyed by their `name`, as producers key them).
 */
export async function serviceOnBus<Context, Config extends object>(
  definition: ServiceDefinition<Context, Config>,
  options: ServiceOnBusOptions<Config>,
): Promise<ServiceOnBus<Context>> {
  const { label, actorId, commandTopic, observe } = options;
  const bus = await createBus({
    kind: 'postgres',
    databaseUrl: freshDatabaseUrl(`${label}_bus`),
    clientId: `${label}-test`,
  });
  const t = await serviceUnderTest(definition, { label, bus, config: options.config });
  await bus.ensureTopics(observe);
  const seen: IncomingMessage[] = [];
  const observer = await bus.subscribe({
    consumer: `${label}-observer`,
    topics: observe,
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
          topic: commandTopic,
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
