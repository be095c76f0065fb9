import { OutgoingMessage } from './bus';

/**
 * Kafka refuses a record batch (all of one request's messages for one partition) larger than
 * the topic's `max.message.bytes`, and a relay sends hundreds of one model's events at once.
 * Sending them in runs under a budget keeps every batch acceptable, even on a topic created
 * with the broker's default of 1 MB. The budget leaves room for Kafka's per-record overhead.
 */
export const KAFKA_SEND_BUDGET_BYTES = 768 * 1024;

/** `max.message.bytes` of the topics the bus creates: room for one event above 1 MB. */
export const TOPIC_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/** Approximate bytes of one message on the wire: key, value and headers. */
export function messageBytes(message: OutgoingMessage): number {
  let bytes = Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers))
    bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes + 64;
}

/** Splits items, in order, into runs of at most `budget` bytes; an item larger than that goes alone. */
export function chunkBySize<T>(items: readonly T[], sizeOf: (item: T) => number, budget: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const bytes = sizeOf(item);
    if (current.length > 0 && size + bytes > budget) {
      chunks.push(current);
      [current, size] = [[], 0];
    }
    current.push(item);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
