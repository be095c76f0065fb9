import { dlqTopic } from '@ledger/contracts';
import { eventually, uniqueTopic } from '@ledger/testing';
import { Bus, DLQ_HEADERS, IncomingMessage, OutgoingMessage, PermanentMessageError, Subscriber } from './bus';

/**
 * One behavioural contract for every bus adapter: each adapter's spec runs exactly this.
 */
export function busContract(name: string, createBus: () => Promise<Bus>): void {
  describe(`${name} bus contract`, () => {
    let bus: Bus;
    const subscribers: Subscriber[] = [];
    const message = (topic: string, key: string, n: number): OutgoingMessage => ({
      topic,
      key,
      value: JSON.stringify({ key, n }),
      headers: { id: `${key}-${n}`, type: 'Counted' },
    });
    const listen = async (
      topics: string[],
      consumer: string,
      handle: (m: IncomingMessage) => Promise<void>,
      extra = {},
    ) => {
      const subscriber = await bus.subscribe({
        consumer,
        topics,
        handle,
        maxAttempts: 3,
        retryBackoffMs: 10,
        ...extra,
      });
      subscribers.push(subscriber);
      return subscriber;
    };

    beforeAll(async () => {
      bus = await createBus();
    });
    afterAll(async () => {
      await Promise.all(subscribers.map((s) => s.stop()));
      await bus.close();
    });

    it('delivers every message with its headers, in order per key', async () => {
      const topic = uniqueTopic('contract.order');
      await bus.ensureTopics([topic]);
      const seen: { key: string; n: number; id: string }[] = [];
      await listen(
        [topic],
        `order-${topic}`,
        async (m) => void seen.push({ ...JSON.parse(m.value), id: m.headers.id }),
      );
      const keys = ['a', 'b', 'c', 'd'];
      for (let n = 0; n < 25; n++) await bus.publish(keys.map((key) => message(topic, key, n)));
      await eventually(() => expect(seen).toHaveLength(100));
      for (const key of keys) expect(seen.filter((s) => s.key === key).map((s) => s.n)).toEqual([...Array(25).keys()]);
      expect(seen[0].id).toMatch(/^[a-d]-0$/);
    });

    it('moves a poison message to <topic>.dlq after bounded retries and consumes the ones behind it', async () => {
      const topic = uniqueTopic('contract.poison');
      await bus.ensureTopics([topic]);
      const consumed: number[] = [];
      const attempts = new Map<number, number>();
      await listen([topic], `poison-${topic}`, async (m) => {
        const { n } = JSON.parse(m.value);
        attempts.set(n, (attempts.get(n) ?? 0) + 1);
        if (n === 1) throw new Error('cannot handle 1');
        consumed.push(n);
      });
      const dead: IncomingMessage[] = [];
      await listen([dlqTopic(topic)], `dlq-reader-${topic}`, async (m) => void dead.push(m));
      await bus.publish([0, 1, 2, 3].map((n) => message(topic, 'same-key', n)));
      await eventually(() => expect(consumed).toEqual([0, 2, 3]));
      await eventually(() => expect(dead).toHaveLength(1));
      expect(attempts.get(1)).toBe(3);
      expect(dead[0].headers).toMatchObject({
        id: 'same-key-1',
        type: 'Counted',
        [DLQ_HEADERS.error]: 'cannot handle 1',
        [DLQ_HEADERS.topic]: topic,
      });
      expect(JSON.parse(dead[0].value)).toEqual({ key: 'same-key', n: 1 });
    });

    it('sends a permanent failure to the DLQ without retrying', async () => {
      const topic = uniqueTopic('contract.permanent');
      await bus.ensureTopics([topic]);
      let calls = 0;
      await listen([topic], `permanent-${topic}`, async () => {
        calls++;
        throw new PermanentMessageError('unknown schema version');
      });
      const dead: IncomingMessage[] = [];
      await listen([dlqTopic(topic)], `permanent-dlq-${topic}`, async (m) => void dead.push(m));
      await bus.publish([message(topic, 'k', 0)]);
      await eventually(() => expect(dead).toHaveLength(1));
      expect(calls).toBe(1);
      expect(dead[0].headers[DLQ_HEADERS.errorName]).toBe('PermanentMessageError');
    });

    it('resumes after the offsets the consumer stored itself', async () => {
      const topic = uniqueTopic('contract.resume');
      await bus.ensureTopics([topic]);
      const firstRun: IncomingMessage[] = [];
      const first = await listen([topic], `resume-${topic}`, async (m) => void firstRun.push(m));
      await bus.publish([0, 1, 2].map((n) => message(topic, 'k', n)));
      await eventually(() => expect(firstRun).toHaveLength(3));
      await first.stop();
      // The service's own database says it processed up to the second message only.
      const own = new Map([[firstRun[1].partition, firstRun[1].offset]]);
      const secondRun: number[] = [];
      await bus.publish([message(topic, 'k', 3)]);
      await listen([topic], `resume-${topic}`, async (m) => void secondRun.push(JSON.parse(m.value).n), {
        storedOffsets: async () => own,
      });
      await eventually(() => expect(secondRun).toContain(3));
      expect(secondRun).not.toContain(0);
      expect(secondRun).not.toContain(1);
    });

    // A relay publishes hundreds of events of one model in one call; Kafka refuses a record batch
    // over its message size limit (1 MB by default), which would stall the relay for good.
    it('takes one publish of several megabytes to one key, and a single message over 1 MB', async () => {
      const topic = uniqueTopic('contract.large');
      await bus.ensureTopics([topic]);
      const seen: number[] = [];
      await listen([topic], `large-${topic}`, async (m) => void seen.push(JSON.parse(m.value).n));
      const padded = (n: number, bytes: number): OutgoingMessage => ({
        ...message(topic, 'one-model', n),
        value: JSON.stringify({ n, pad: 'x'.repeat(bytes) }),
      });
      await bus.publish(Array.from({ length: 600 }, (_, n) => padded(n, 5_000)));
      await bus.publish([padded(600, 1_500_000)]);
      await eventually(() => expect(seen).toHaveLength(601), { timeoutMs: 30_000 });
      expect(seen).toEqual([...Array(601).keys()]);
    });

    it('gives every consumer group its own copy', async () => {
      const topic = uniqueTopic('contract.groups');
      await bus.ensureTopics([topic]);
      const a: number[] = [];
      const b: number[] = [];
      await listen([topic], `group-a-${topic}`, async (m) => void a.push(JSON.parse(m.value).n));
      await listen([topic], `group-b-${topic}`, async (m) => void b.push(JSON.parse(m.value).n));
      await bus.publish([0, 1].map((n) => message(topic, 'k', n)));
      await eventually(() => expect([a.length, b.length]).toEqual([2, 2]));
    });

    describe('batched delivery (handleBatch)', () => {
      const nOf = (m: IncomingMessage): number => JSON.parse(m.value).n;

      it('hands consecutive messages over together, in order, each once, and resumes after the last batch', async () => {
        const topic = uniqueTopic('contract.batch');
        await bus.ensureTopics([topic]);
        await bus.publish(Array.from({ length: 60 }, (_, n) => message(topic, 'k', n)));
        const batches: number[][] = [];
        const single: number[] = [];
        const first = await listen([topic], `batch-${topic}`, async (m) => void single.push(nOf(m)), {
          handleBatch: async (messages: IncomingMessage[]) => void batches.push(messages.map(nOf)),
          maxBatch: 25,
        });
        await eventually(() => expect(batches.flat()).toHaveLength(60));
        expect(batches.flat()).toEqual([...Array(60).keys()]);
        expect(single).toEqual([]);
        expect(Math.max(...batches.map((b) => b.length))).toBeGreaterThan(1);
        expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(25);
        await first.stop();

        const again: number[] = [];
        await bus.publish([message(topic, 'k', 60)]);
        await listen([topic], `batch-${topic}`, async (m) => void again.push(nOf(m)), {
          handleBatch: async (messages: IncomingMessage[]) => void again.push(...messages.map(nOf)),
        });
        await eventually(() => expect(again).toEqual([60]));
      });

      it('falls back to one by one when a batch fails: the poison goes to the DLQ, every other message is handled once', async () => {
        const topic = uniqueTopic('contract.batch-poison');
        await bus.ensureTopics([topic]);
        const handled: number[] = [];
        const dead: IncomingMessage[] = [];
        await listen([dlqTopic(topic)], `batch-dlq-${topic}`, async (m) => void dead.push(m));
        await bus.publish(Array.from({ length: 30 }, (_, n) => message(topic, 'k', n)));
        await listen(
          [topic],
          `batch-poison-${topic}`,
          async (m) => {
            if (nOf(m) === 13) throw new Error('13 is poison');
            handled.push(nOf(m));
          },
          {
            handleBatch: async (messages: IncomingMessage[]) => {
              if (messages.some((m) => nOf(m) === 13)) throw new Error('a batch with 13 in it');
              handled.push(...messages.map(nOf));
            },
          },
        );
        await eventually(() => expect(dead).toHaveLength(1));
        await eventually(() =>
          expect(handled.slice().sort((a, b) => a - b)).toEqual([...Array(30).keys()].filter((n) => n !== 13)),
        );
        expect(handled).toEqual([...Array(30).keys()].filter((n) => n !== 13));
        expect(JSON.parse(dead[0].value).n).toBe(13);
      });
    });
  });
}
