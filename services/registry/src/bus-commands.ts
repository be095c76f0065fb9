import { CommandEnvelope, CommandEnvelopeSchema, CommandMetadata, ConflictError, LedgerError, MessageDefinition, registryCommands, UnavailableError } from '@ledger/contracts';
import { Delivery, newId, storeOffset } from '@ledger/eventstore';
import { PermanentMessageError } from '@ledger/messaging';
import { DataSource } from 'typeorm';
import { z } from 'zod';

export const REGISTRY_COMMANDS_CONSUMER = 'registry.commands';

/**
 * The largest command accepted from the bus, as over HTTP: its event must stay well under the
 * 8 MiB the bus allows one message, or the relay could never publish it.
 */
export const COMMAND_MAX_BYTES = 1024 * 1024;

export interface ParsedCommand<D> {
  envelope: CommandEnvelope;
  data: D;
}

/**
 * Validates a command from ml.registry.commands: the envelope, then the payload (upcast to
 * the current schema version). Retrying cannot fix a bad message, so failures are permanent.
 */
export function parseCommand<S extends z.ZodType>(payload: unknown, definition: MessageDefinition<string, S>): ParsedCommand<z.output<S>> {
  const bytes = Buffer.byteLength(JSON.stringify(payload) ?? '');
  if (bytes > COMMAND_MAX_BYTES) {
    throw new PermanentMessageError(`command is ${bytes} bytes, over the limit of ${COMMAND_MAX_BYTES} (the HTTP API's body limit too)`);
  }
  const envelope = CommandEnvelopeSchema.safeParse(payload);
  if (!envelope.success) throw new PermanentMessageError(`invalid command envelope: ${z.prettifyError(envelope.error)}`);
  if (envelope.data.type !== definition.type) throw new PermanentMessageError(`expected ${definition.type}, got ${envelope.data.type}`);
  try {
    const data = registryCommands.upcast(definition.type, envelope.data.schemaVersion, envelope.data.data);
    return { envelope: envelope.data, data: data as z.output<S> };
  } catch (error) {
    throw new PermanentMessageError((error as Error).message);
  }
}

/** The client's commandId makes a resend a no-op; it is also the cause of the events it produces. */
export function busCommandMetadata(envelope: CommandEnvelope): CommandMetadata {
  return {
    now: new Date().toISOString(),
    newId: newId(),
    actor: envelope.actor,
    correlationId: envelope.correlationId ?? envelope.commandId,
    causationId: envelope.commandId,
    commandId: envelope.commandId,
  };
}

/**
 * Runs a command and settles the message. A domain refusal (unknown model, taken name, bad
 * value, a refused compare-and-set) will not change on retry: straight to the DLQ. A
 * concurrency conflict, a shed command (too busy) or an infrastructure error is retried by the
 * bus. The offset is stored after the effect: a crash in between redelivers, and the commandId
 * makes the redelivery a no-op.
 */
export async function settle(db: DataSource, delivery: Delivery, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const retryable = (error instanceof ConflictError && error.retryable) || error instanceof UnavailableError;
    if (error instanceof LedgerError && !retryable) {
      throw new PermanentMessageError(`${error.errorCode}: ${error.message}`);
    }
    throw error;
  }
  await storeOffset(db, delivery);
}

/** The whole consumer path of one command type: parse, then run the same use case HTTP runs. */
export async function consumeCommand<S extends z.ZodType>(
  registry: { db: DataSource },
  payload: unknown,
  context: { delivery: Delivery },
  definition: MessageDefinition<string, S>,
  run: (data: z.output<S>, metadata: CommandMetadata) => Promise<unknown>,
): Promise<void> {
  const { envelope, data } = parseCommand(payload, definition);
  await settle(registry.db, context.delivery, () => run(data, busCommandMetadata(envelope)));
}
