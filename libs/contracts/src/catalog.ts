import { z } from 'zod';
import { Envelope } from './envelope';
import { TextIssue, unstorableText } from './storable-text';

/** Turns a payload of version n into version n + 1. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface MessageDefinition<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  type: Type;
  schemaVersion: number;
  schema: Schema;
  /** upcasters[n] upgrades a version-n payload to n + 1; consumers always see the current version. */
  upcasters: Record<number, Upcaster>;
  description: string;
}

export function defineMessage<Type extends string, Schema extends z.ZodType>(
  definition: Omit<MessageDefinition<Type, Schema>, 'upcasters'> & { upcasters?: Record<number, Upcaster> },
): MessageDefinition<Type, Schema> {
  return { upcasters: {}, ...definition };
}

export class UnknownMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownMessageError';
  }
}

export class InvalidMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessageError';
  }
}

/**
 * A closed set of message definitions. Parsing upcasts older payloads to the current schema
 * version and rejects unknown types and versions newer than this code knows (consumers send
 * those to the DLQ rather than guessing).
 */
export class MessageCatalog<Definitions extends MessageDefinition = MessageDefinition> {
  private readonly byType = new Map<string, MessageDefinition>();

  constructor(definitions: Definitions[]) {
    for (const definition of definitions) this.byType.set(definition.type, definition);
  }

  definitions(): MessageDefinition[] {
    return [...this.byType.values()];
  }

  knows(type: string): boolean {
    return this.byType.has(type);
  }

  upcast(type: string, schemaVersion: number, data: unknown): Record<string, unknown> {
    const definition = this.byType.get(type);
    if (!definition) throw new UnknownMessageError(`unknown message type ${type}`);
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > definition.schemaVersion) {
      throw new UnknownMessageError(
        `${type} schema version ${schemaVersion} is not supported (current ${definition.schemaVersion})`,
      );
    }
    // Before the schema, so no message of it can quote a string PostgreSQL would refuse.
    const unstorable = unstorableText(data);
    if (unstorable.length > 0) throw new InvalidMessageError(`${type} payload is invalid: ${describeText(unstorable)}`);
    let payload = data as Record<string, unknown>;
    for (let version = schemaVersion; version < definition.schemaVersion; version++) {
      const upcaster = definition.upcasters[version];
      if (!upcaster) throw new UnknownMessageError(`${type} has no upcaster from version ${version}`);
      payload = upcaster(payload);
    }
    const parsed = definition.schema.safeParse(payload);
    if (!parsed.success) throw new InvalidMessageError(`${type} payload is invalid: ${z.prettifyError(parsed.error)}`);
    return parsed.data as Record<string, unknown>;
  }

  /**
   * A payload about to be appended, checked against its type's current schema and normalised to
   * what the schema outputs: an event its own schema refuses is never written.
   */
  validate(type: string, data: unknown): Record<string, unknown> {
    const definition = this.byType.get(type);
    if (!definition) throw new UnknownMessageError(`unknown message type ${type}`);
    return this.upcast(type, definition.schemaVersion, data);
  }

  /**
   * The payload of an event from a service's own log at the current schema. One already at the
   * current version was validated when it was appended (validate) or received (parseEnvelope),
   * so it is taken as it is; an older one is upcast and validated.
   */
  current(type: string, schemaVersion: number, data: unknown): Record<string, unknown> {
    const definition = this.byType.get(type);
    if (definition && schemaVersion === definition.schemaVersion) return data as Record<string, unknown>;
    return this.upcast(type, schemaVersion, data);
  }

  parseEnvelope<E extends Envelope>(envelope: Envelope): E {
    const data = this.upcast(envelope.type, envelope.schemaVersion, envelope.data);
    const definition = this.byType.get(envelope.type)!;
    return { ...envelope, schemaVersion: definition.schemaVersion, data } as E;
  }
}

// The first few only: the message travels in a dead letter's header, which must stay short.
function describeText(issues: TextIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => `${issue.path.map(String).join('.') || 'payload'}: ${issue.message}`);
  return [...shown, ...(issues.length > 3 ? [`and ${issues.length - 3} more`] : [])].join('; ');
}

/** The union of payloads a catalog defines, as `{ type, data }` with each type's current schema. */
type MessagesOf<D> =
  D extends MessageDefinition<infer Type, infer Schema> ? { type: Type; data: z.output<Schema> } : never;

/** Every message of a catalog: `EventOf<typeof registryEvents>` is the registry's event union. */
export type MessageOf<C> = C extends MessageCatalog<infer D> ? MessagesOf<D> : never;

/** One message type of a catalog's union. */
export type MessageOfType<M extends { type: string }, T extends M['type']> = Extract<M, { type: T }>;
