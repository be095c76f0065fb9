import { Envelope, EnvelopeSchema, InvalidMessageError, MessageCatalog, UnknownMessageError } from '@ledger/contracts';
import { PermanentMessageError } from '../bus';

/** Malformed envelopes and unknown types or schema versions cannot succeed on retry: DLQ at once. */
export function parseCatalogEnvelope(catalog: MessageCatalog, payload: unknown): Envelope {
  const parsed = EnvelopeSchema.safeParse(payload);
  if (!parsed.success)
    throw new PermanentMessageError(`invalid envelope: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  try {
    return catalog.parseEnvelope(parsed.data as Envelope);
  } catch (error) {
    if (error instanceof UnknownMessageError || error instanceof InvalidMessageError)
      throw new PermanentMessageError(error.message);
    throw error;
  }
}
