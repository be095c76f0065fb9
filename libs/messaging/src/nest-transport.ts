import { Catch, INestApplication, RpcExceptionFilter, Type } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { PATTERN_METADATA, TRANSPORT_METADATA } from '@nestjs/microservices/constants';
import { isObservable, lastValueFrom, Observable, throwError } from 'rxjs';
import { Bus, IncomingMessage, PermanentMessageError, Subscriber } from './bus';

export interface BusTransportOptions {
  bus: Bus;
  consumer: string;
  topics: string[];
  storedOffsets?: (topic: string) => Promise<Map<number, string>>;
  maxAttempts?: number;
}

/** What an @EventPattern handler gets as context: where the message came from. */
export class BusContext {
  constructor(
    readonly consumer: string,
    readonly message: IncomingMessage,
  ) {}

  get delivery() {
    const { topic, partition, offset } = this.message;
    return { consumer: this.consumer, topic, partition, offset };
  }
}

/**
 * The @EventPattern of a handler that takes consecutive messages of one partition of `topic` at
 * once, as BusBatchItem[] (their JSON payloads, every type): it must store all their effects or
 * none (e.g. one transaction). When it throws, the messages go to the per-type handlers one by
 * one. It replaces those handlers on the batch path, so it must cover every type they handle.
 */
export const busBatchOf = (topic: string): string => `bus.batch:${topic}`;

export interface BusBatchItem {
  payload: { type?: unknown } & Record<string, unknown>;
  type: string;
  context: BusContext;
}

/**
 * Lets Nest services consume with @EventPattern('<message type>') over our own bus consumer
 * (explicit offsets, retry budget, DLQ) instead of Nest's ServerKafka. The pattern is the
 * message's `type`; a type nobody handles is acknowledged and skipped.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private subscriber?: Subscriber;

  constructor(private readonly options: BusTransportOptions) {
    super();
    // Nest mounts a handler only on the transport its pattern names (scopeToConsumer below).
    this.transportId = busConsumerTransport(options.consumer);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.options.bus.ensureTopics(this.options.topics);
      this.subscriber = await this.options.bus.subscribe({
        consumer: this.options.consumer,
        topics: this.options.topics,
        storedOffsets: this.options.storedOffsets,
        maxAttempts: this.options.maxAttempts,
        handle: (message) => this.dispatch(message),
        ...(this.options.topics.some((topic) => this.getHandlerByPattern(busBatchOf(topic)))
          ? { handleBatch: (messages: IncomingMessage[]) => this.dispatchBatch(messages) }
          : {}),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async dispatch(message: IncomingMessage): Promise<void> {
    const item = this.itemOf(message);
    const handler = this.getHandlerByPattern(item.type);
    if (handler) await settle(handler(item.payload, item.context));
  }

  /** A run is of one partition, so of one topic; a topic without a batch handler goes message by message. */
  private async dispatchBatch(messages: IncomingMessage[]): Promise<void> {
    const handler = messages[0] && this.getHandlerByPattern(busBatchOf(messages[0].topic));
    if (handler) return settle(handler(messages.map((m) => this.itemOf(m))));
    for (const message of messages) await this.dispatch(message);
  }

  private itemOf(message: IncomingMessage): BusBatchItem {
    let payload: BusBatchItem['payload'];
    try {
      payload = JSON.parse(message.value);
    } catch {
      throw new PermanentMessageError('message is not valid JSON');
    }
    const type = typeof payload?.type === 'string' ? payload.type : message.headers.type;
    if (!type) throw new PermanentMessageError('message has no type');
    return { payload, type, context: new BusContext(this.options.consumer, message) };
  }

  async close(): Promise<void> {
    await this.subscriber?.stop();
  }

  on(): void {
    // The bus reports failures through the DLQ and metrics, not through server events.
  }

  unwrap<T>(): T {
    return this.options.bus as T;
  }
}

async function settle(result: unknown): Promise<void> {
  const awaited = await result;
  if (isObservable(awaited)) await lastValueFrom(awaited, { defaultValue: undefined });
}

/**
 * Nest's default RPC filter turns every handler error into a generic object, which would hide
 * PermanentMessageError from the retry/DLQ logic. This filter hands the original error back.
 */
@Catch()
export class PassBusErrorsThrough implements RpcExceptionFilter<unknown> {
  catch(error: unknown): Observable<never> {
    return throwError(() => error);
  }
}

/** The Nest transport id of one bus consumer group of an app. */
export const busConsumerTransport = (consumer: string): symbol => Symbol.for(`ledger.bus-consumer:${consumer}`);

/**
 * Mounts the @EventPattern handlers of these controllers on this consumer's transport only. Nest
 * otherwise mounts every handler of an app on each of its transports, so two consumers of one
 * service would each receive the other's message types. A controller class serves one consumer:
 * build one per consumer (the handlers' metadata lives on the class).
 */
export function scopeToConsumer(consumer: string, controllers: Type<unknown>[]): void {
  const transport = busConsumerTransport(consumer);
  for (const controller of controllers)
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || !Reflect.hasMetadata(PATTERN_METADATA, handler)) continue;
      const current: unknown = Reflect.getMetadata(TRANSPORT_METADATA, handler);
      if (current !== undefined && current !== transport)
        throw new Error(
          `${controller.name}.${name} is mounted on another transport already (${String(current)}): build one controller per bus consumer`,
        );
      Reflect.defineMetadata(TRANSPORT_METADATA, transport, handler);
    }
}

/** Connects a Nest app to the bus: our transport, with handler errors kept intact. */
export function connectBus(app: INestApplication, options: BusTransportOptions): void {
  // Deferred: Nest otherwise builds the handlers at once, before the filter below is registered.
  const microservice = app.connectMicroservice({ strategy: new BusTransport(options) }, { deferInitialization: true });
  microservice.useGlobalFilters(new PassBusErrorsThrough());
}
