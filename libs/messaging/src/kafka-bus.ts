import { Admin, Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, logLevel, Producer } from 'kafkajs';
import { Bus, IncomingMessage, OutgoingMessage, Subscriber, Subscription } from './bus';
import { BusMetrics, deliver, deliverInOrder } from './delivery';
import { dlqTopic } from '@ledger/contracts';
import { chunkBySize, KAFKA_SEND_BUDGET_BYTES, messageBytes, TOPIC_MAX_MESSAGE_BYTES } from './size-chunks';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  partitions?: number;
  metrics: BusMetrics;
  /**
   * Prefixes every topic and consumer group, so several platforms (tests, tenants) can share a
   * broker without sharing partitions. Services never see the prefix.
   */
  namespace?: string;
}

function byTopic(messages: OutgoingMessage[]): Map<string, OutgoingMessage[]> {
  const groups = new Map<string, OutgoingMessage[]>();
  for (const message of messages) groups.set(message.topic, [...(groups.get(message.topic) ?? []), message]);
  return groups;
}

/**
 * The Kafka adapter (kafkajs). The producer is idempotent (acks=all, one request in flight),
 * so a retried send neither duplicates nor reorders a partition. Each subscription gets its
 * own consumer, so a slow topic never stalls another service's.
 */
export class KafkaBus implements Bus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private readonly ensured = new Set<string>();
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, retries: 8 },
    });
  }

  private wire(name: string): string {
    return this.options.namespace ? `${this.options.namespace}.${name}` : name;
  }

  private local(name: string): string {
    const prefix = this.options.namespace ? `${this.options.namespace}.` : '';
    return name.startsWith(prefix) ? name.slice(prefix.length) : name;
  }

  async ensureTopics(topics: string[]): Promise<void> {
    const missing = [...new Set(topics.flatMap((t) => [this.wire(t), this.wire(dlqTopic(t))]))].filter(
      (t) => !this.ensured.has(t),
    );
    if (missing.length === 0) return;
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const toCreate = missing.filter((t) => !existing.has(t));
      if (toCreate.length > 0) {
        // Our own wait below, not kafkajs': its wait gives up on a topic the broker's metadata
        // does not list yet (UNKNOWN_TOPIC_OR_PARTITION), which a just-created topic may be.
        await admin.createTopics({
          waitForLeaders: false,
          topics: toCreate.map((topic) => ({
            ...{ topic, numPartitions: this.options.partitions ?? 3, replicationFactor: 1 },
            // One event may exceed the broker's default 1 MB (a version with a large signature).
            configEntries: [{ name: 'max.message.bytes', value: String(TOPIC_MAX_MESSAGE_BYTES) }],
          })),
        });
      }
      await waitForLeaders(admin, missing);
      missing.forEach((t) => this.ensured.add(t));
    } finally {
      await admin.disconnect();
    }
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.ensureTopics(messages.map((m) => m.topic));
    const producer = await this.connectProducer();
    // In order, one request at a time: the idempotent producer keeps each partition's order across them.
    for (const chunk of chunkBySize(messages, messageBytes, KAFKA_SEND_BUDGET_BYTES)) {
      const topicMessages = [...byTopic(chunk)].map(([topic, list]) => ({
        topic: this.wire(topic),
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      }));
      await producer.sendBatch({ acks: -1, topicMessages });
    }
    for (const [topic, list] of byTopic(messages)) this.options.metrics.published.inc({ topic }, list.length);
  }

  private connectProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await producer.connect();
      return producer;
    })();
    return this.producer;
  }

  async subscribe(subscription: Subscription): Promise<Subscriber> {
    await this.ensureTopics(subscription.topics);
    const consumer = this.kafka.consumer({
      groupId: this.wire(subscription.consumer),
      maxWaitTimeInMs: 50,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      retry: { initialRetryTime: 100, retries: 8 },
    });
    const resumeAfter = new Map<string, bigint>();
    let running = true;
    consumer.on(
      consumer.events.GROUP_JOIN,
      ({ payload }) =>
        // A rejection here would end the process (an unhandled rejection), e.g. a join landing
        // while the service closes its database: without the seek, Kafka's own committed offsets
        // (never ahead of the stored ones) and the consumer's processed ids still hold.
        void this.seekToStored(consumer, subscription, payload.memberAssignment, resumeAfter).catch((error) => {
          if (running) console.warn(`${subscription.consumer}: stored offsets not applied: ${error?.message ?? error}`);
        }),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: subscription.topics.map((t) => this.wire(t)), fromBeginning: true });
    const isRunning = () => running;
    await consumer.run(
      subscription.handleBatch
        ? {
            autoCommit: true,
            partitionsConsumedConcurrently: 3,
            eachBatchAutoResolve: false,
            eachBatch: (payload) => this.consumeBatch(subscription, payload, resumeAfter, isRunning),
          }
        : {
            autoCommit: true,
            partitionsConsumedConcurrently: 3,
            eachMessage: async ({ topic, partition, message }) => {
              const incoming = this.incoming(topic, partition, message, resumeAfter);
              if (incoming)
                await deliver(subscription, incoming, (m) => this.publish(m), this.options.metrics, isRunning);
            },
          },
    );
    this.consumers.add(consumer);
    return {
      stop: async () => {
        running = false;
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  /** A partition's fetched batch: chunks through handleBatch, each resolved once settled. */
  private async consumeBatch(
    subscription: Subscription,
    payload: EachBatchPayload,
    resumeAfter: Map<string, bigint>,
    isRunning: () => boolean,
  ): Promise<void> {
    const { batch, resolveOffset, heartbeat } = payload;
    const messages: IncomingMessage[] = [];
    for (const message of batch.messages) {
      const incoming = this.incoming(batch.topic, batch.partition, message, resumeAfter);
      if (incoming) messages.push(incoming);
      else resolveOffset(message.offset);
    }
    const running = () => isRunning() && payload.isRunning() && !payload.isStale();
    await deliverInOrder(
      subscription,
      messages,
      (m) => this.publish(m),
      this.options.metrics,
      running,
      async (last) => {
        resolveOffset(last.offset);
        await heartbeat();
      },
    );
  }

  /** The message in bus terms, or undefined when our own database says it is already applied. */
  private incoming(
    wireTopic: string,
    partition: number,
    message: KafkaMessage,
    resumeAfter: Map<string, bigint>,
  ): IncomingMessage | undefined {
    const topic = this.local(wireTopic);
    const stored = resumeAfter.get(`${topic}:${partition}`);
    if (stored !== undefined && BigInt(message.offset) <= stored) return undefined;
    return {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
      value: message.value?.toString() ?? '',
      headers: stringHeaders(message.headers),
    };
  }

  /** On assignment, resume from the checkpoint in the service's own database, not only Kafka's. */
  private async seekToStored(
    consumer: Consumer,
    subscription: Subscription,
    assignment: Record<string, number[]>,
    resumeAfter: Map<string, bigint>,
  ): Promise<void> {
    if (!subscription.storedOffsets) return;
    for (const [wireTopic, partitions] of Object.entries(assignment)) {
      const topic = this.local(wireTopic);
      const stored = await subscription.storedOffsets(topic);
      for (const partition of partitions) {
        const offset = stored.get(partition);
        if (offset === undefined) continue;
        resumeAfter.set(`${topic}:${partition}`, BigInt(offset));
        consumer.seek({ topic: wireTopic, partition, offset: String(BigInt(offset) + 1n) });
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    this.producer = undefined;
  }
}

/**
 * createTopics' own wait covers the controller's view; a broker can still answer "does not host
 * this topic-partition" for a moment after. Wait until metadata shows a leader for every partition.
 */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: described } = await admin.fetchTopicMetadata({ topics });
      const ready =
        described.length === topics.length &&
        described.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (ready) return;
    } catch {
      // not known yet: ask again
    }
    if (Date.now() > deadline)
      throw new Error(`kafka topics without leaders after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[key] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return out;
}
