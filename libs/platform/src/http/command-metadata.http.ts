import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { CommandMetadata } from '@ledger/contracts';
import { commandMetadata, MetadataSource, systemMetadataSource } from '@ledger/eventstore';
import { z } from 'zod';
import { actorOf } from '../auth/actor';
import { principalOf } from '../auth/principal';
import { withCommandPrincipal } from '../auth/access/subject';
import type { HttpRequest, Next } from './express-types';
import { openApiSchema } from './openapi';
import { parseInput } from './parse-input';

export const ACTOR_HEADER = 'x-actor';
export const CORRELATION_HEADER = 'x-correlation-id';

const CorrelationIdSchema = z.string().min(1).max(128);
// What parseActor takes: an id of 1 to 256 characters, bare or after "user:" or "service:" (the
// document only; parseActor checks the parts against ActorSchema itself).
const ACTOR_ID = '.{1,256}';
const ActorHeaderSchema = z
  .string()
  .regex(new RegExp(`^(?:(?:user|service):${ACTOR_ID}|(?!(?:user|service):)${ACTOR_ID})$`));
const SOURCE = Symbol('metadata-source');

type WithSource = { [SOURCE]?: MetadataSource };

/** Hands the service's clock and id source to every request (installed by the service host). */
export function provideMetadataSource(source: MetadataSource) {
  return (req: WithSource, _res: unknown, next: Next) => {
    req[SOURCE] = source;
    next();
  };
}

/**
 * The impure parts of a command, decided at the HTTP edge from the service's clock and id
 * source: when, a new id, who acts (the authenticated principal, or whom a delegate names in
 * X-Actor: see actorOf) and which flow this belongs to.
 */
export function httpCommandMetadata(req: Pick<HttpRequest, 'headers'>): CommandMetadata {
  const correlation = single(req.headers[CORRELATION_HEADER]);
  const metadata = commandMetadata((req as WithSource)[SOURCE] ?? systemMetadataSource, {
    actor: actorOf(principalOf(req), single(req.headers[ACTOR_HEADER])),
    correlationId:
      correlation === undefined ? undefined : parseInput(CorrelationIdSchema, correlation, 'X-Correlation-Id header'),
  });
  return withCommandPrincipal(metadata, principalOf(req));
}

/** The service's clock as a request sees it (a long upload takes its time when it ends). */
export function requestClock(req: object): MetadataSource['clock'] {
  return ((req as WithSource)[SOURCE] ?? systemMetadataSource).clock;
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** Controller parameter: `@HttpCommandMetadata() metadata: CommandMetadata`. */
export const HttpCommandMetadata = createParamDecorator((_: unknown, context: ExecutionContext): CommandMetadata =>
  httpCommandMetadata(context.switchToHttp().getRequest<HttpRequest>()),
);

/** Documents the headers every command endpoint reads into the command metadata. */
export const CommandHeaders = () =>
  applyDecorators(
    ApiHeader({
      name: 'X-Actor',
      required: false,
      description:
        'Whom a service account with the delegate role acts for: "alice", "user:alice" or "service:trainer" (recorded with the account as `via`); anyone else acts as the principal it authenticated as, and X-Actor from them is refused (403)',
      example: 'user:alice',
      schema: openApiSchema(ActorHeaderSchema),
    }),
    ApiHeader({
      name: 'X-Correlation-Id',
      required: false,
      description: 'Groups the events of one flow (default: a new id)',
      example: 'train-job-4711',
      schema: openApiSchema(CorrelationIdSchema),
    }),
  );
