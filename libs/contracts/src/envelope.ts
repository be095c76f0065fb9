import { z } from 'zod';
import { refuseUnstorableText } from './storable-text';

const PrincipalRefSchema = z.object({
  id: z.string().min(1).max(256),
  kind: z.enum(['user', 'service']),
});

/**
 * Who acted. `via` is the service account that acted on their behalf (a principal with the
 * `delegate` role naming them in X-Actor), so the log records both.
 */
export const ActorSchema = PrincipalRefSchema.extend({ via: PrincipalRefSchema.optional() });
export type Actor = z.infer<typeof ActorSchema>;

/** DESIGN.md §3: the one envelope of every event on every topic. */
export const EnvelopeSchema = z
  .object({
    id: z.uuid(),
    type: z.string().min(1).max(128),
    schemaVersion: z.number().int().positive(),
    source: z.string().min(1),
    streamId: z.string().min(1),
    streamVersion: z.number().int().positive(),
    occurredAt: z.iso.datetime({ offset: true }),
    actor: ActorSchema,
    correlationId: z.string().min(1),
    causationId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  // The payload is checked by its catalog, which names the message type.
  .superRefine(({ data: _data, ...fields }, ctx) => refuseUnstorableText(fields, ctx));
export type Envelope<Type extends string = string, Data = Record<string, unknown>> = Omit<
  z.infer<typeof EnvelopeSchema>,
  'type' | 'data'
> & { type: Type; data: Data };

/** Commands from outside carry a client commandId; a repeated id has no second effect. */
export const CommandEnvelopeSchema = z
  .object({
    commandId: z.string().min(1).max(128),
    type: z.string().min(1).max(128),
    schemaVersion: z.number().int().positive().default(1),
    actor: ActorSchema.default({ id: 'anonymous', kind: 'service' }),
    correlationId: z.string().min(1).optional(),
    data: z.record(z.string(), z.unknown()),
  })
  // Its actor and ids end up in the event log: refused here, straight to the DLQ, never retried.
  .superRefine(({ data: _data, ...fields }, ctx) => refuseUnstorableText(fields, ctx));
export type CommandEnvelope = z.infer<typeof CommandEnvelopeSchema>;

/** Kafka headers repeat these envelope fields so routers need not parse the payload. */
export const HEADER_KEYS = ['id', 'type', 'schemaVersion', 'correlationId', 'causationId'] as const;

export function envelopeHeaders(envelope: Envelope): Record<string, string> {
  return {
    id: envelope.id,
    type: envelope.type,
    schemaVersion: String(envelope.schemaVersion),
    correlationId: envelope.correlationId,
    causationId: envelope.causationId ?? '',
  };
}
