import { Controller, Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CommandEnvelope, CommandMetadata, ForbiddenError, MessageCatalog, MessageDefinition } from '@ledger/contracts';
import { commandMetadata, MetadataSource, Queryable } from '@ledger/eventstore';
import { z } from 'zod';
import { BusContext } from '../nest-transport';
import { DenialRecorder } from './denial';
import { busCommandOrigin, parseBusCommand, settleCommand } from './bus-command';

/** One command type a slice takes from the bus: the same use case its HTTP edge runs. */
export interface BusCommandRoute<Context> {
  command: MessageDefinition;
  run(context: Context, data: never, metadata: CommandMetadata): Promise<unknown>;
}

/** Declares a slice's bus route with the payload typed by the command's schema. */
export function busCommand<Context, S extends z.ZodType>(
  command: MessageDefinition<string, S>,
  run: (context: Context, data: z.output<S>, metadata: CommandMetadata) => Promise<unknown>,
): BusCommandRoute<Context> {
  return { command, run: run as BusCommandRoute<Context>['run'] };
}

export interface CommandConsumerOptions<Context> {
  catalog: MessageCatalog;
  routes: BusCommandRoute<Context>[];
  context: Context;
  /** Where offsets are stored, with the effect's commit (the service's own database). */
  db: Queryable;
  metadata: MetadataSource;
  /** Where a command refused for its actor is recorded before it goes to the DLQ. */
  denials?: DenialRecorder;
}

async function recordRefusal(
  options: CommandConsumerOptions<unknown>,
  envelope: CommandEnvelope,
  error: ForbiddenError,
): Promise<void> {
  await options.denials?.({
    at: new Date(),
    channel: 'bus',
    principal: envelope.actor.id,
    via: envelope.actor.via?.id,
    action: envelope.type,
    reason: error.message,
  });
}

/**
 * The one Nest controller that consumes a service's command topic: every route's type in one
 * @EventPattern (Nest keeps only the last of stacked ones), dispatched by the envelope's type.
 */
export function commandConsumer<Context>(options: CommandConsumerOptions<Context>): Type<unknown> {
  const routes = new Map(options.routes.map((route) => [route.command.type, route]));
  const unknown = options.routes.filter((route) => !options.catalog.knows(route.command.type));
  if (unknown.length > 0)
    throw new Error(`bus routes for types outside the catalog: ${unknown.map((r) => r.command.type).join(', ')}`);

  @Controller()
  class BusCommandConsumer {
    @EventPattern([...routes.keys()])
    async consume(@Payload() payload: unknown, @Ctx() bus: BusContext): Promise<void> {
      const { envelope, data } = parseBusCommand(payload, options.catalog);
      const route = routes.get(envelope.type);
      if (!route) return; // a type of the catalog no slice takes from the bus: acknowledged, like any unhandled type
      const metadata = commandMetadata(options.metadata, busCommandOrigin(envelope));
      await settleCommand(options.db, bus.delivery, async () => {
        try {
          return await route.run(options.context, data as never, metadata);
        } catch (error) {
          if (error instanceof ForbiddenError) await recordRefusal(options, envelope, error);
          throw error;
        }
      });
    }
  }
  return BusCommandConsumer;
}
