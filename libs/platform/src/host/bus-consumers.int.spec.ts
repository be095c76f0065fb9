import { Controller, Module, Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Bus, createBus } from '@ledger/messaging';
import { eventually, freshDatabaseUrl } from '@ledger/testing';
import { BusConsumerSpec, ServiceDefinition } from './service-definition';
import { RunningService, startService } from './start-service';

/** A controller that records every Ping it gets, with the topic it was sent to. */
function recorder(seen: string[]): Type<unknown> {
  @Controller()
  class PingRecorder {
    @EventPattern('Ping')
    receive(@Payload() ping: { topic: string; n: number }) {
      seen.push(`${ping.topic}#${ping.n}`);
    }
  }
  return PingRecorder;
}

function twoConsumers(consumers: BusConsumerSpec[]): ServiceDefinition<undefined> {
  return {
    name: 'toy',
    http: { title: 'toy' },
    migrations: [],
    context: () => undefined,
    module: () => {
      const module = class ToyModule {};
      Module({})(module);
      return { module };
    },
    consumers: () => consumers,
  };
}

const ping = (topic: string, n: number) => ({
  topic,
  key: 'k',
  value: JSON.stringify({ type: 'Ping', topic, n }),
  headers: { type: 'Ping' },
});

describe('the bus consumers of one service', () => {
  let bus: Bus;
  let service: RunningService<undefined> | undefined;
  const start = (consumers: BusConsumerSpec[]) =>
    startService(twoConsumers(consumers), {
      databaseUrl: freshDatabaseUrl('host_consumers'),
      port: 0,
      host: '127.0.0.1',
      logger: false,
      processMetrics: false,
      bus,
    });

  beforeAll(async () => {
    bus = await createBus({ kind: 'postgres', databaseUrl: freshDatabaseUrl('host_consumers_bus'), clientId: 'toy' });
  });
  afterEach(() => service?.close());
  afterAll(() => bus.close());

  it('hand each consumer only its own topics’ messages, even when both handle the same type', async () => {
    const [a, b]: string[][] = [[], []];
    service = await start([
      { consumer: 'toy.a', topics: ['toy.a'], controllers: [recorder(a)] },
      { consumer: 'toy.b', topics: ['toy.b'], controllers: [recorder(b)] },
    ]);
    await bus.publish([ping('toy.a', 1), ping('toy.b', 1), ping('toy.a', 2), ping('toy.b', 2)]);
    await eventually(() => expect([a.length, b.length]).toEqual([2, 2]));
    expect(a).toEqual(['toy.a#1', 'toy.a#2']);
    expect(b).toEqual(['toy.b#1', 'toy.b#2']);
  });

  it('refuses to start with one controller class on two consumers, naming it', async () => {
    const shared = recorder([]);
    await expect(
      start([
        { consumer: 'toy.c', topics: ['toy.c'], controllers: [shared] },
        { consumer: 'toy.d', topics: ['toy.d'], controllers: [shared] },
      ]),
    ).rejects.toThrow(
      /PingRecorder.receive is mounted on another transport already.*build one controller per bus consumer/,
    );
  });
});
