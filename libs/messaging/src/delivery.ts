import { Counter, Registry } from 'prom-client';
import { DLQ_HEADERS, IncomingMessage, OutgoingMessage, PermanentMessageError, Subscription } from './bus';
import { dlqTopic, UnavailableError } from '@ledger/contracts';

export interface BusMetrics {
  consumed: Counter<'topic' | 'consumer'>;
  deadLettered: Counter<'topic' | 'consumer'>;
  published: Counter<'topic'>;
}

export function busMetrics(registry?: Registry): BusMetrics {
  const registers = registry ? [registry] : [];
  return {
    consumed: new Counter({
      name: 'ledger_bus_consumed_total',
      help: 'Messages handled by consumers',
      labelNames: ['topic', 'consumer'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'ledger_bus_dead_lettered_total',
      help: 'Messages moved to a DLQ after their retry budget',
      labelNames: ['topic', 'consumer'],
      registers,
    }),
    published: new Counter({
      name: 'ledger_bus_published_total',
      help: 'Messages published',
      labelNames: ['topic'],
      registers,
    }),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Shared by both adapters (DESIGN.md invariant 5): bounded retries with backoff, then the
 * message goes to `<topic>.dlq` with its original headers and the error, and the partition
 * moves on. A permanent error skips the retries. Resolves once the message is settled.
 */
export async function deliver(
  subscription: Subscription,
  message: IncomingMessage,
  publish: (messages: OutgoingMessage[]) => Promise<void>,
  metrics: BusMetrics,
  isRunning: () => boolean = () => true,
): Promise<void> {
  const maxAttempts = subscription.maxAttempts ?? 5;
  let attempt = 0;
  let busy = 0;
  for (;;) {
    attempt++;
    try {
      await subscription.handle(message);
      metrics.consumed.inc({ topic: message.topic, consumer: subscription.consumer });
      return;
    } catch (error) {
      // A service shedding load is no verdict on the message: wait (up to 5 s between tries)
      // for as long as it takes, without spending the retry budget that leads to the DLQ.
      if (error instanceof UnavailableError && isRunning()) {
        attempt--;
        await sleep(Math.min(5_000, (subscription.retryBackoffMs ?? 50) * 2 ** Math.min(busy++, 10)));
        continue;
      }
      const permanent = error instanceof PermanentMessageError;
      if (!permanent && attempt < maxAttempts && isRunning()) {
        await sleep((subscription.retryBackoffMs ?? 50) * 2 ** (attempt - 1));
        continue;
      }
      if (!permanent && !isRunning()) throw error; // shutting down: leave it for the next owner
      await publish([toDeadLetter(subscription.consumer, message, error, attempt)]);
      console.warn(
        `${subscription.consumer}: ${message.topic}[${message.partition}]@${message.offset} moved to the DLQ after ${attempt} attempt(s): ${(error as Error)?.message ?? error}`,
      );
      metrics.deadLettered.inc({ topic: message.topic, consumer: subscription.consumer });
      return;
    }
  }
}

function toDeadLetter(consumer: string, message: IncomingMessage, error: unknown, attempts: number): OutgoingMessage {
  const err = error instanceof Error ? error : new Error(String(error));
  return {
    topic: dlqTopic(message.topic),
    key: message.key ?? '',
    value: message.value,
    headers: {
      ...message.headers,
      // Cut by character, not UTF-16 unit: half a surrogate pair could not be stored (PostgreSQL bus).
      [DLQ_HEADERS.error]: Array.from(err.message).slice(0, 2000).join(''),
      [DLQ_HEADERS.errorName]: err.name,
      [DLQ_HEADERS.topic]: message.topic,
      [DLQ_HEADERS.partition]: String(message.partition),
      [DLQ_HEADERS.offset]: message.offset,
      [DLQ_HEADERS.consumer]: consumer,
      [DLQ_HEADERS.attempts]: String(attempts),
    },
  };
}

/**
 * Delivers consecutive messages of one partition: through handleBatch in chunks when the
 * subscription has it (one effect, one commit per chunk), else one by one. A chunk that fails
 * as a whole is delivered again one message at a time, with the usual retries and DLQ.
 * `settled` runs after each chunk or message with the last message it covered.
 */
export async function deliverInOrder(
  subscription: Subscription,
  messages: IncomingMessage[],
  publish: (messages: OutgoingMessage[]) => Promise<void>,
  metrics: BusMetrics,
  isRunning: () => boolean,
  settled: (last: IncomingMessage) => Promise<void> | void,
): Promise<void> {
  const size = subscription.handleBatch ? Math.max(1, subscription.maxBatch ?? 100) : 1;
  for (let start = 0; start < messages.length && isRunning(); start += size) {
    const chunk = messages.slice(start, start + size);
    if (chunk.length > 1 && (await handledTogether(subscription, chunk, metrics))) {
      await settled(chunk[chunk.length - 1]);
      continue;
    }
    for (const message of chunk) {
      if (!isRunning()) return;
      await deliver(subscription, message, publish, metrics, isRunning);
      await settled(message);
    }
  }
}

async function handledTogether(
  subscription: Subscription,
  chunk: IncomingMessage[],
  metrics: BusMetrics,
): Promise<boolean> {
  try {
    await subscription.handleBatch!(chunk);
  } catch {
    return false; // the one-by-one path finds the culprit, retries it and reports it
  }
  metrics.consumed.inc({ topic: chunk[0].topic, consumer: subscription.consumer }, chunk.length);
  return true;
}
