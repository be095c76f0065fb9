/** DESIGN.md §4: the bus is a port; Kafka and the PostgreSQL log are its two adapters. */
export interface OutgoingMessage {
  topic: string;
  /** Partitioning key (the model id for registry events): per-key order is preserved. */
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Opaque position in the partition; the consumer stores it with its effect. */
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

export interface Subscription {
  /** Consumer group: instances with the same name share the partitions. */
  consumer: string;
  topics: string[];
  /** Throwing retries the message; after maxAttempts (or at once for a permanent error) it goes to the DLQ. */
  handle(message: IncomingMessage): Promise<void>;
  /**
   * Optional: the effect of consecutive messages of one partition (offset order), all or
   * nothing, e.g. in one transaction. If it throws, those messages go through handle() one by
   * one instead (retries, DLQ), so one poison message costs its batch nothing but a retry.
   */
  handleBatch?(messages: IncomingMessage[]): Promise<void>;
  /** Most messages per handleBatch call (default 100). */
  maxBatch?: number;
  /** Where this consumer's own database says it is; the adapter resumes after these offsets. */
  storedOffsets?(topic: string): Promise<Map<number, string>>;
  maxAttempts?: number;
  retryBackoffMs?: number;
}

export interface Subscriber {
  stop(): Promise<void>;
}

export interface Bus {
  readonly kind: 'kafka' | 'postgres';
  ensureTopics(topics: string[]): Promise<void>;
  /** Resolves when every message is durable on the bus; per key, order is kept. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(subscription: Subscription): Promise<Subscriber>;
  close(): Promise<void>;
}

/** An error retrying cannot fix (malformed payload, unknown schema version): straight to the DLQ. */
export class PermanentMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}

/** Headers added to a message moved to `<topic>.dlq`, beside its original headers. */
export const DLQ_HEADERS = {
  error: 'x-dlq-error',
  errorName: 'x-dlq-error-name',
  topic: 'x-dlq-original-topic',
  partition: 'x-dlq-original-partition',
  offset: 'x-dlq-original-offset',
  consumer: 'x-dlq-consumer',
  attempts: 'x-dlq-attempts',
} as const;
