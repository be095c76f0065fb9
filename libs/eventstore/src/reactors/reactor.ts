import { Command, Envelope, Reactor } from '@ledger/contracts';
import type { Handled } from '../batch-plan';
import { commandMetadata, MetadataSource } from '../time/command-metadata';

/** Where a reactor's commands go: a CommandHandler, or anything with its handle(). */
export interface CommandTarget<C extends Command, S> {
  handle(streamId: string, command: C): Promise<Handled<S>>;
}

/**
 * The same on every delivery of the event, so the command handler answers a redelivery as a
 * duplicate: `<reactor>:<eventId>`, with `:<n>` when the event asks for several commands.
 */
export function reactionCommandId(reactor: string, eventId: string, index: number, count: number): string {
  return count === 1 ? `${reactor}:${eventId}` : `${reactor}:${eventId}:${index}`;
}

/** The commands an event asks for, each with its stream and metadata that keep it in the event's flow. */
export function reactionsTo<C extends Command>(
  reactor: Reactor<C>,
  event: Envelope,
  source: MetadataSource,
): { streamId: string; command: C }[] {
  if (!reactor.handles.includes(event.type)) return [];
  const reactions = reactor.react(event);
  return reactions.map((reaction, index) => {
    const origin = {
      actor: { id: reactor.name, kind: 'service' as const },
      correlationId: event.correlationId,
      causationId: event.id,
      commandId: reactionCommandId(reactor.name, event.id, index, reactions.length),
    };
    return {
      streamId: reactor.streamOf(reaction),
      command: { ...reaction, metadata: commandMetadata(source, origin) } as C,
    };
  });
}

/**
 * Runs what an event asks of a reactor through a command handler, in order. Safe to call again
 * for the same event (a redelivery, or a retry after one command failed): the commands that
 * already ran answer as duplicates, and only the rest take effect.
 */
export async function runReactor<C extends Command, S>(
  reactor: Reactor<C>,
  event: Envelope,
  target: CommandTarget<C, S>,
  source: MetadataSource,
): Promise<Handled<S>[]> {
  const handled: Handled<S>[] = [];
  for (const { streamId, command } of reactionsTo(reactor, event, source))
    handled.push(await target.handle(streamId, command));
  return handled;
}
