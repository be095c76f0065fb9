import {
  CommandEnvelope,
  CommandEnvelopeSchema,
  ConflictError,
  LedgerError,
  MessageCatalog,
  UnavailableError,
} from '@ledger/contracts';
import { CommandOrigin, Delivery, isDatabaseUnavailable, Queryable, storeOffset } from '@ledger/eventstore';
import { z } from 'zod';
import { PermanentMessageError } from '../bus';

/**
 * The largest command accepted from the bus, as over HTTP: its event must stay well under the
 * 8 MiB the bus allows one message, or the relay could never publish it.
 */
export const COMMAND_MAX_BYTES = 1024 * 1024;

export interface ParsedBusCommand {
  envelope: CommandEnvelope;
  /** The payload upcast to the current schema version of its type, and validated. */
  data: Record<string, unknown>;
}

/**
 * Validates a command from a service's command topic: size, envelope, then the payload
 * against the service's catalog. Retrying cannot fix a bad message, so failures are permanent.
 */
export function parseBusCommand(payload: unknown, catalog: MessageCatalog, expectedType?: string): ParsedBusCommand {
  const bytes = Buffer.byteLength(JSON.stringify(payload) ?? '');
  if (bytes > COMMAND_MAX_BYTES) {
    throw new PermanentMessageError(
      `command is ${bytes} bytes, over the limit of ${COMMAND_MAX_BYTES} (the HTTP API's body limit too)`,
    );
  }
  const envelope = CommandEnvelopeSchema.safeParse(payload);
  if (!envelope.success)
    throw new PermanentMessageError(`invalid command envelope: ${z.prettifyError(envelope.error)}`);
  if (expectedType !== undefined && envelope.data.type !== expectedType)
    throw new PermanentMessageError(`expected ${expectedType}, got ${envelope.data.type}`);
  try {
    return {
      envelope: envelope.data,
      data: catalog.upcast(envelope.data.type, envelope.data.schemaVersion, envelope.data.data),
    };
  } catch (error) {
    throw new PermanentMessageError((error as Error).message);
  }
}

/** The client's commandId makes a resend a no-op; it is also the cause of the events it produces. */
export function busCommandOrigin(envelope: CommandEnvelope): CommandOrigin {
  return {
    actor: envelope.actor,
    correlationId: envelope.correlationId ?? envelope.commandId,
    causationId: envelope.commandId,
    commandId: envelope.commandId,
  };
}

/**
 * Runs a command and settles the message (the bus edge's one error mapping). A domain refusal
 * (unknown model, taken name, bad value, a refused compare-and-set) will not change on retry:
 * straight to the DLQ. A concurrency conflict or a shed command (too busy) is retried, a lost
 * database waited out, any other error retried within the bus's budget. The offset is stored after the effect: a crash in between
 * redelivers, and the commandId makes the redelivery a no-op.
 */
export async function settleCommand(db: Queryable, delivery: Delivery, work: () => Promise<unknown>): Promise<void> {
  await asBusWork(work);
  await storeOffset(db, delivery);
}

/** The same error mapping without the offset, for a consumer that stores its offset with another effect. */
export async function asBusWork(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    // The service's database being gone is no fault of the command: wait for it, without spending the retry budget.
    if (isDatabaseUnavailable(error))
      throw new UnavailableError(`the database is unavailable: ${(error as Error).message}`);
    const retryable = (error instanceof ConflictError && error.retryable) || error instanceof UnavailableError;
    if (error instanceof LedgerError && !retryable) {
      throw new PermanentMessageError(`${error.errorCode}: ${error.message}`);
    }
    throw error;
  }
}
