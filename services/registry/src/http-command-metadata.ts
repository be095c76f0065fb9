import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor, ActorSchema, CommandMetadata, ValidationError } from '@ledger/contracts';
import { newId } from '@ledger/eventstore';
import { HttpRequest, parseInput } from '@ledger/platform';
import { z } from 'zod';

export const ACTOR_HEADER = 'x-actor';
export const CORRELATION_HEADER = 'x-correlation-id';

const ANONYMOUS: Actor = { id: 'anonymous', kind: 'user' };
const CorrelationIdSchema = z.string().min(1).max(128);

/**
 * The impure parts of a command, decided at the HTTP edge: clock, new id, who acts and which
 * flow this belongs to. X-Actor is `alice` or `user:alice` or `service:trainer`. It is not
 * authenticated here; the gateway owns authentication.
 */
export function commandMetadataFrom(headers: HttpRequest['headers']): CommandMetadata {
  const correlation = single(headers[CORRELATION_HEADER]);
  return {
    now: new Date().toISOString(),
    newId: newId(),
    actor: parseActor(single(headers[ACTOR_HEADER])),
    correlationId: correlation === undefined ? newId() : parseInput(CorrelationIdSchema, correlation, 'X-Correlation-Id header'),
    causationId: null,
  };
}

function parseActor(header: string | undefined): Actor {
  if (header === undefined) return ANONYMOUS;
  const match = /^(user|service):(.*)$/.exec(header);
  const parsed = ActorSchema.safeParse(match ? { kind: match[1], id: match[2] } : { kind: 'user', id: header });
  if (parsed.success) return parsed.data;
  throw new ValidationError('X-Actor header: must be "<id>", "user:<id>" or "service:<id>" with an id of 1 to 256 characters');
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Controller parameter: `@HttpCommandMetadata() metadata: CommandMetadata`. */
export const HttpCommandMetadata = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata =>
  commandMetadataFrom(context.switchToHttp().getRequest<HttpRequest>().headers),
);
