import { Command } from './decider';
import { Envelope } from './envelope';

/** A command as a reactor asks for it: the runner gives it metadata (time, ids, causation). */
export type Reaction<C extends Command> = Pick<C, 'type' | 'data'>;

/**
 * Turns another service's events into commands on this service's own aggregates. Pure: what it
 * returns depends on the event alone, so a redelivered event asks for the same commands.
 */
export interface Reactor<C extends Command> {
  name: string;
  handles: readonly string[];
  react: (event: Envelope) => Reaction<C>[];
  /** The stream of the aggregate a command addresses. */
  streamOf: (command: Reaction<C>) => string;
}
