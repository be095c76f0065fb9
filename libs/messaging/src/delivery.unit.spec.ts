import { Registry } from 'prom-client';
import { UnavailableError } from '@ledger/contracts';
import { IncomingMessage, OutgoingMessage, Subscription } from './bus';
import { busMetrics, deliver } from './delivery';

const message: IncomingMessage = {
  topic: 'ml.registry.commands',
  partition: 0,
  offset: '3',
  key: 'k',
  value: '{}',
  headers: { id: 'm-3' },
};

function failingTimes(times: number, error: () => Error) {
  let calls = 0;
  const subscription: Subscription = {
    consumer: 'registry.commands',
    topics: [message.topic],
    maxAttempts: 3,
    retryBackoffMs: 0,
    handle: async () => {
      if (++calls <= times) throw error();
    },
  };
  return { subscription, calls: () => calls };
}

describe('delivering one message', () => {
  const published: OutgoingMessage[] = [];
  const publish = async (messages: OutgoingMessage[]) => void published.push(...messages);
  beforeEach(() => published.splice(0));

  it('waits out a service that sheds load, however long, without spending the retry budget', async () => {
    const { subscription, calls } = failingTimes(12, () => new UnavailableError('too busy'));
    await deliver(subscription, message, publish, busMetrics(new Registry()));
    expect(calls()).toBe(13);
    expect(published).toEqual([]);
  });

  it('still sends a message that keeps failing otherwise to the DLQ after maxAttempts', async () => {
    const { subscription, calls } = failingTimes(Infinity, () => new Error('boom'));
    await deliver(subscription, message, publish, busMetrics(new Registry()));
    expect(calls()).toBe(3);
    expect(published.map((m) => m.topic)).toEqual(['ml.registry.commands.dlq']);
  });

  it('leaves a shed message for the next owner when shutting down', async () => {
    const { subscription } = failingTimes(Infinity, () => new UnavailableError('too busy'));
    await expect(
      deliver(subscription, message, publish, busMetrics(new Registry()), () => false),
    ).rejects.toBeInstanceOf(UnavailableError);
    expect(published).toEqual([]);
  });
});
