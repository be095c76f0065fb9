import { Actor, CommandMetadata } from '@ledger/contracts';
import { newId } from '../ids';
import { Clock, systemClock } from './clock';

/** Where the impure parts of every command come from; one per service, injected. */
export interface MetadataSource {
  clock: Clock;
  newId: () => string;
}

export const systemMetadataSource: MetadataSource = { clock: systemClock, newId };

export interface CommandOrigin {
  actor: Actor;
  /** The flow this command belongs to; a fresh one when it starts a flow. */
  correlationId?: string;
  /** The message (event or command id) that caused this command, if any. */
  causationId?: string | null;
  /** Makes a resend a no-op: the same id has no second effect. */
  commandId?: string;
}

/** The one place command metadata is made, for HTTP, the bus, reactors, workflows and timers. */
export function commandMetadata(source: MetadataSource, origin: CommandOrigin): CommandMetadata {
  return {
    now: source.clock.now().toISOString(),
    newId: source.newId(),
    actor: origin.actor,
    correlationId: origin.correlationId ?? origin.commandId ?? source.newId(),
    causationId: origin.causationId ?? origin.commandId ?? null,
    ...(origin.commandId ? { commandId: origin.commandId } : {}),
  };
}
