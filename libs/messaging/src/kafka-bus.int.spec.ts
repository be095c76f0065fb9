import { eventually, kafkaBrokers } from '@ledger/testing';
import { busContract } from './bus-contract.spec';
import { createBus } from './create-bus';

busContract('kafka', () => createBus({ kind: 'kafka', clientId: 'contract-test', kafkaBrokers: kafkaBrokers() }));

describe('kafka namespaces', () => {
  it('keeps two platforms with the same topic and group names apart', async () => {
    const [a, b] = await Promise.all(
      ['ns-a', 'ns-b'].map((ns) =>
        createBus({ kind: 'kafka', clientId: ns, kafkaBrokers: kafkaBrokers(), namespace: `${ns}-${Date.now()}` }),
      ),
    );
    const seen: Record<string, string[]> = { a: [], b: [] };
    const subs = await Promise.all(
      (
        [
          ['a', a],
          ['b', b],
        ] as const
      ).map(([name, bus]) =>
        bus.subscribe({
          consumer: 'same-group',
          topics: ['same.topic'],
          handle: async (m) => void seen[name].push(`${m.topic}:${m.value}`),
        }),
      ),
    );
    await a.publish([{ topic: 'same.topic', key: 'k', value: 'from-a', headers: {} }]);
    await b.publish([{ topic: 'same.topic', key: 'k', value: 'from-b', headers: {} }]);
    await eventually(() => expect(seen).toEqual({ a: ['same.topic:from-a'], b: ['same.topic:from-b'] }));
    await Promise.all(subs.map((s) => s.stop()));
    await Promise.all([a.close(), b.close()]);
  });
});
