import { Counter, Registry } from 'prom-client';
import { DLQ_HEADERS, IncomingMessage, OutgoingMessage, PermanentMessageError, Subscription } from './bus';
import { dlqTopic } from '@ledger/contracts';

export interface BusMetrics {
  consumed: Counter<'topic' | 'consumer'>;
  deadLettered: Counter<'topic' | 'consumer'>;
  published: Counter<'topic'>;
}

export function busMetrics(registry?: Registry): BusMetrics {
  const registers = registry ? [registry] : [];
  return {
    consumed: new Counter({ name: 'ledger_bus_consumed_total', help: 'Messages handled by consumers', labelNames: ['topic', 'consumer'], registers }),
    deadLettered: new Counter({
      name: 'ledger_bus_dead_lettered_total',
      help: 'Messages moved to a DLQ after their retry budget',
      labelNames: ['topic', 'consumer'],
      registers,
    }),
    published: new Counter({ name: 'ledger_bus_published_total', help: 'Messages published', labelNames: ['topic'], registers }),
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
  for (;;) {
    attempt++;
    try {
      await subscription.handle(message);
      metrics.consumed.inc({ topic: message.topic, consumer: subscription.consumer });
      return;
    } catch (error) {
      const permanent = error instanceof PermanentMessageError;
      if (!permanent && attempt < maxAttempts && isRunning()) {
        await sleep((subscription.retryBackoffMs ?? 50) * 2 ** (attempt - 1));
        continue;
      }
      if (!permanent && !isRunning()) throw error; // shutting down: leave it for the next owner
      await publish([toDeadLetter(subscription.consumer, message, error, attempt)]);
      console.warn(`${subscription.consumer}: ${message.topic}[${message.partition}]@${message.offset} moved to the DLQ after ${attempt} attempt(s): ${(error as Error)?.message ?? error}`);
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
      [DLQ_HEADERS.error]: err.message.slice(0, 2000),
      [DLQ_HEADERS.errorName]: err.name,
      [DLQ_HEADERS.topic]: message.topic,
      [DLQ_HEADERS.partition]: String(message.partition),
      [DLQ_HEADERS.offset]: message.offset,
      [DLQ_HEADERS.consumer]: consumer,
      [DLQ_HEADERS.attempts]: String(attempts),
    },
  };
}
